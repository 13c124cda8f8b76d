package io.commandcenter.simulation;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

import io.commandcenter.sitemodel.Faults;
import io.commandcenter.sitemodel.RelayOutcome;
import tools.jackson.core.JacksonException;

/**
 * {@code /_sim}: {@code GET state}, {@code GET|POST faults} (the body replaces the faults; omitted fields mean no
 * fault), {@code POST reset}, {@code POST advance?by=PT1H}, {@code POST relay?device=miner-1&on=false}.
 * Never subject to faults.
 */
final class AdminApi {

    private final SiteSimulator simulator;

    AdminApi(SiteSimulator simulator) {
        this.simulator = simulator;
    }

    Reply handle(HttpCall call) {
        String route = call.method() + " " + call.path();
        return switch (route) {
            case "GET /state" -> Reply.ok(simulator.state());
            case "GET /faults" -> Reply.ok(simulator.faults().current());
            case "POST /faults", "PUT /faults" -> setFaults(call);
            case "POST /reset" -> {
                simulator.reset();
                yield Reply.ok(simulator.state());
            }
            case "POST /advance" -> advance(call);
            case "POST /relay" -> relay(call);
            default -> Reply.status(404, Map.of("error", "unknown simulator admin call " + route
                    + "; try GET /_sim/state, GET|POST /_sim/faults, POST /_sim/reset, POST /_sim/advance?by=PT1H, "
                    + "POST /_sim/relay?device=miner-1&on=false"));
        };
    }

    private Reply setFaults(HttpCall call) {
        try {
            Faults faults = call.body().isBlank() ? Faults.none() : SiteSimulator.JSON.readValue(call.body(), Faults.class);
            simulator.faults().set(faults);
            return Reply.ok(faults);
        } catch (JacksonException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String problem = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            return Reply.status(400, Map.of("error", "invalid faults: " + problem));
        }
    }

    private Reply advance(HttpCall call) {
        try {
            Duration by = Duration.parse(String.valueOf(call.param("by")));
            simulator.clock().advance(by);
            return Reply.ok(simulator.state());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Reply.status(400, Map.of("error", "by must be a positive ISO duration such as PT1H"));
        }
    }

    private Reply relay(HttpCall call) {
        String device = call.param("device");
        String on = call.param("on");
        if (device == null || !("true".equals(on) || "false".equals(on))) {
            return Reply.status(400, Map.of("error", "give device=<name> and on=true|false"));
        }
        simulator.sync();
        RelayOutcome outcome = simulator.model().setRelay(device, Boolean.parseBoolean(on));
        return Reply.status(outcome == RelayOutcome.UNKNOWN_DEVICE ? 404 : 200, Map.of("outcome", outcome));
    }
}
