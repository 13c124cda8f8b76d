package io.commandcenter.control;

import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Manual switching, the action history, retries and the emergency stop. */
@RestController
class ControlController {

    private final CommandService commands;
    private final ActionRetries retries;
    private final ActionLogRepository actionLog;
    private final EmergencyStopSwitch emergencyStop;
    private final Clock clock;

    ControlController(CommandService commands, ActionRetries retries, ActionLogRepository actionLog,
                      EmergencyStopSwitch emergencyStop, Clock clock) {
        this.commands = commands;
        this.retries = retries;
        this.actionLog = actionLog;
        this.emergencyStop = emergencyStop;
        this.clock = clock;
    }

    record SwitchBody(@io.commandcenter.validation.PlainText String reason) {
    }

    @PostMapping({"/shelly/device/{name}/on", "/api/v1/shelly/device/{name}/on"})
    CommandOutcome switchOn(@PathVariable String name, @jakarta.validation.Valid @RequestBody(required = false) SwitchBody body, Principal user) {
        return answer(commands.execute(ActionRequest.of(name, true, Source.MANUAL, who(user), body == null ? null : body.reason(), clock.instant())));
    }

    @PostMapping({"/shelly/device/{name}/off", "/api/v1/shelly/device/{name}/off"})
    CommandOutcome switchOff(@PathVariable String name, @jakarta.validation.Valid @RequestBody(required = false) SwitchBody body, Principal user) {
        return answer(commands.execute(ActionRequest.of(name, false, Source.MANUAL, who(user), body == null ? null : body.reason(), clock.instant())));
    }

    @PostMapping({"/control/actions/{id}/retry", "/api/v1/control/actions/{id}/retry"})
    CommandOutcome retry(@PathVariable UUID id, Principal user) {
        return answer(retries.retry(id, who(user)));
    }

    @GetMapping({"/shelly/actions/history", "/api/v1/shelly/actions/history"})
    List<ActionRecord> history(@RequestParam(required = false) String device,
                               @RequestParam(required = false) Source source,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                               @RequestParam(defaultValue = "200") int limit) {
        Instant end = to == null ? clock.instant().plusSeconds(1) : to;
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : from;
        if (!start.isBefore(end)) {
            throw new io.commandcenter.validation.InvalidParams().add("from", "must be before 'to'")
                    .problem("bad-time-window", "'from' must be before 'to'");
        }
        io.commandcenter.validation.InvalidParams.checkLimit("limit", limit);
        return actionLog.history(device, source, start, end, limit);
    }

    @GetMapping({"/control/actions/{id}", "/api/v1/control/actions/{id}"})
    ActionRecord action(@PathVariable UUID id) {
        return actionLog.find(id).orElseThrow(() -> new UnknownAction(id));
    }

    record StopBody(@io.commandcenter.validation.PlainText(max = io.commandcenter.validation.Limits.NAME) String who,
                    @io.commandcenter.validation.PlainText String why) {
    }

    @GetMapping({"/emergency-stop", "/api/v1/emergency-stop"})
    EmergencyStopState stopState() {
        return emergencyStop.state();
    }

    /** Every engage and release, newest first: STOP stays explainable after it was released. */
    @GetMapping({"/emergency-stop/history", "/api/v1/emergency-stop/history"})
    java.util.List<EmergencyStopState> stopHistory(@org.springframework.web.bind.annotation.RequestParam(
            defaultValue = "50") int limit) {
        return emergencyStop.history(limit);
    }

    @PostMapping({"/emergency-stop", "/api/v1/emergency-stop"})
    EmergencyStopState engage(@jakarta.validation.Valid @RequestBody(required = false) StopBody body, Principal user) {
        String why = body == null ? null : body.why();
        if (why == null || why.isBlank()) {
            throw new StopNeedsReason();
        }
        return emergencyStop.engage(whoOr(user, body), why);
    }

    @PostMapping({"/emergency-stop/release", "/api/v1/emergency-stop/release"})
    EmergencyStopState release(@jakarta.validation.Valid @RequestBody(required = false) StopBody body, Principal user) {
        return emergencyStop.release(whoOr(user, body), body == null ? null : body.why());
    }

    /** A non-success outcome is refused with the outcome attached, so callers see why. */
    private static CommandOutcome answer(CommandOutcome outcome) {
        if (outcome.result() == null || outcome.succeeded()) {
            return outcome;
        }
        throw new CommandRefused(outcome);
    }

    private static String who(Principal user) {
        return user == null ? "anonymous" : user.getName();
    }

    private static String whoOr(Principal user, StopBody body) {
        if (user != null) return user.getName();
        return body != null && body.who() != null && !body.who().isBlank() ? body.who() : "anonymous";
    }
}
