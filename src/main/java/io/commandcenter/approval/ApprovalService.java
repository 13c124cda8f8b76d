package io.commandcenter.approval;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.commandcenter.approval.PendingAction.State;
import io.commandcenter.approval.ApprovalResult.Outcome;
import io.commandcenter.control.CommandOutcome;
import io.commandcenter.control.CommandService;
import io.commandcenter.control.EmergencyStopSwitch;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.PendingSuperseded;
import io.commandcenter.engine.RulesEngine;
import io.commandcenter.engine.Source;
import io.commandcenter.notify.Notice;
import io.commandcenter.notify.NoticeText;
import io.commandcenter.notify.Notifications;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The approval facade. Agents call {@link #propose}; people answer through {@link #approve} and
 * {@link #reject} (web, signed links) or by SMS. An approved action runs once through
 * {@link CommandService#execute}, which re-checks the rules against current readings.
 */
@Service
public class ApprovalService {

    private static final Log log = LogFactory.getLog(ApprovalService.class);
    private static final Pattern SMS_ANSWER = Pattern.compile("^\\s*(YES|Y|NO|N)\\b\\W*(\\d{4})?\\s*$",
            Pattern.CASE_INSENSITIVE);
    static final String STOP_MESSAGE = "Emergency stop engaged: nothing is switched; an operator can still switch by hand.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ApprovalRepository repository;
    private final RulesEngine engine;
    private final CommandService commands;
    private final Notifications notifications;
    private final LinkSigner signer;
    private final ApprovalProperties properties;
    private final EmergencyStopSwitch emergencyStop;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ApplicationEventPublisher events;

    ApprovalService(ApprovalRepository repository, RulesEngine engine, CommandService commands,
                    Notifications notifications, LinkSigner signer, ApprovalProperties properties,
                    EmergencyStopSwitch emergencyStop, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.emergencyStop = emergencyStop;
        this.repository = repository;
        this.engine = engine;
        this.commands = commands;
        this.notifications = notifications;
        this.signer = signer;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * An agent (or anyone) suggests an action that must wait for a person's yes. The rules judge it
     * first: when they block it already, it is stored as FAILED with their reasons and nobody is asked.
     *
     * @param why the explanation shown to the owner
     */
    public PendingAction propose(ActionRequest request, String why) {
        Decision decision = engine.evaluate(request);
        if (decision.outcome() == Decision.Outcome.BLOCKED) {
            PendingAction stored = store(request, why);
            repository.resolve(stored.id(), State.APPROVED, "rules", "RULES", clock.instant());
            repository.finish(stored.id(), State.FAILED, "BLOCKED", String.join("; ", decision.reasons()));
            engine.approvalResolved(stored.id());
            return repository.find(stored.id()).orElseThrow();
        }
        PendingAction stored = store(request, why);
        // The engine records only a NEEDS_APPROVAL as waiting; an allowed agent "off" waits for a person too.
        if (stored.state() == State.PENDING) {
            engine.approvalPending(stored.id(), stored.device(), stored.on(), stored.source());
        }
        return ask(stored);
    }

    /** Asks about an automated action the rules sent for approval (through the automation gate). */
    PendingAction hold(ActionRequest request, String why) {
        PendingAction stored = store(request, why);
        engine.approvalPending(stored.id(), stored.device(), stored.on(), stored.source());
        return ask(stored);
    }

    /**
     * The engine keeps waiting requests in memory only; after a restart the stored ones are told
     * again, so a pending "switch miner-1 on" still blocks an opposite request until it is answered.
     */
    @EventListener(ApplicationReadyEvent.class)
    void restorePendingInTheEngine() {
        expireOverdue(); // what expired while the platform was down no longer waits, nor holds anything back
        for (PendingAction pending : repository.pending()) {
            engine.approvalPending(pending.id(), pending.device(), pending.on(), pending.source());
        }
    }

    /**
     * A person's manual command took a device: whatever waited for approval on it ends as SUPERSEDED,
     * so a late link or SMS answer says it is no longer waiting and nothing runs.
     */
    @EventListener
    void onSuperseded(PendingSuperseded superseded) {
        ActionRequest by = superseded.by();
        String who = by.requestedBy();
        String detail = "superseded by a manual command from " + who + " to switch " + by.device()
                + (by.on() ? " on" : " off");
        for (PendingAction action : repository.supersede(superseded.requestIds(), by.device(), who, detail,
                clock.instant())) {
            engine.approvalResolved(action.id());
            String message = "No longer waiting: " + action.summary() + " was " + detail + ".";
            Notice notice = new Notice("approval-result", Notice.Kind.INFO,
                    "CommandCenter: no longer waiting: " + NoticeText.name(action.summary()), message,
                    message + " (code " + action.shortCode() + ")");
            // Off the manual command's thread: a slow mail server must not hold up a person's command.
            CompletableFuture.runAsync(() -> notifications.send(notice));
        }
    }

    /**
     * While STOP is engaged nothing approved may run (an approved agent suggestion would run as the approver's
     * manual command and pass STOP): the answer is refused and the action keeps waiting, expiring as usual.
     */
    public ApprovalResult approve(UUID id, String by, String via) {
        Optional<ApprovalResult> held = heldByStop(id);
        if (held.isPresent()) {
            log.info("Approval of " + id + " by " + by + " via " + via + " refused: emergency stop engaged");
            return held.get();
        }
        Instant now = clock.instant();
        if (!repository.resolve(id, State.APPROVED, by, via, now)) {
            return explainUnchanged(id, now);
        }
        engine.approvalGranted(id, by);
        PendingAction approved = repository.find(id).orElseThrow();
        events.publishEvent(ApprovalSettled.of(approved, "APPROVED", by, now));
        return execute(approved, by);
    }

    /** The refusal of an approval while STOP is engaged, for an action that is still waiting; empty otherwise. */
    Optional<ApprovalResult> heldByStop(UUID id) {
        if (!emergencyStop.engaged()) {
            return Optional.empty();
        }
        return repository.find(id)
                .filter(a -> a.state() == State.PENDING && a.expiresAt().isAfter(clock.instant()))
                .map(a -> new ApprovalResult(Outcome.HELD_BY_STOP, STOP_MESSAGE + " " + a.summary()
                        + " is still waiting (it expires at " + TIME.format(a.expiresAt()) + ").", a));
    }

    public ApprovalResult reject(UUID id, String by, String via) {
        Instant now = clock.instant();
        if (!repository.resolve(id, State.REJECTED, by, via, now)) {
            return explainUnchanged(id, now);
        }
        engine.approvalResolved(id);
        PendingAction action = repository.find(id).orElseThrow();
        events.publishEvent(ApprovalSettled.of(action, "REJECTED", by, now));
        String message = "Rejected: " + action.summary() + " will not be done.";
        notifications.send(new Notice("approval-result", Notice.Kind.INFO, "CommandCenter: rejected " + action.summary(),
                message + " Rejected by " + by + " via " + via + ".", message + " (code " + action.shortCode() + ")"));
        return new ApprovalResult(Outcome.REJECTED, message, action);
    }

    /**
     * An SMS answer from an owner number: "YES 4821" or "NO 4821". Without a code it applies to the
     * only pending action, if there is exactly one.
     *
     * @return the reply text
     */
    public String answerSms(String from, String body) {
        Matcher m = SMS_ANSWER.matcher(body == null ? "" : body);
        if (!m.matches()) {
            return "Reply YES <code> to approve or NO <code> to reject, e.g. YES 4821.";
        }
        boolean yes = m.group(1).toUpperCase(Locale.ROOT).startsWith("Y");
        Optional<PendingAction> target;
        if (m.group(2) != null) {
            target = repository.findByCode(m.group(2));
        } else {
            List<PendingAction> pending = repository.pending();
            if (pending.size() != 1) {
                return pending.isEmpty() ? "Nothing is waiting for approval."
                        : pending.size() + " actions are waiting: reply with the code, e.g. YES " + pending.get(0).shortCode() + ".";
            }
            target = Optional.of(pending.get(0));
        }
        if (target.isEmpty()) {
            return "No action with code " + m.group(2) + ".";
        }
        ApprovalResult r = yes ? approve(target.get().id(), from, "SMS") : reject(target.get().id(), from, "SMS");
        return r.message();
    }

    public List<PendingAction> pending() {
        return repository.pending();
    }

    /** Pending and resolved actions, newest first. */
    public List<PendingAction> recent(int limit) {
        return repository.recent(limit);
    }

    public Optional<PendingAction> find(UUID id) {
        return repository.find(id);
    }

    /** Marks overdue actions expired; they can no longer be approved. */
    @Scheduled(fixedDelayString = "${commandcenter.approval.expiry-check:30s}")
    public void expireOverdue() {
        for (PendingAction expired : repository.expireDue(clock.instant())) {
            engine.approvalResolved(expired.id());
            events.publishEvent(ApprovalSettled.of(expired, "EXPIRED", null, clock.instant()));
            String message = "Expired without an answer: " + expired.summary() + " was not done.";
            notifications.send(new Notice("approval-result", Notice.Kind.INFO,
                    "CommandCenter: expired " + expired.summary(), message, null));
        }
    }

    /** Signed link for the email: decision is "approve" or "reject". */
    String link(PendingAction action, String decision) {
        long exp = action.expiresAt().getEpochSecond();
        return properties.publicBaseUrl().toString().replaceAll("/+$", "") + "/approvals/" + action.id() + "/"
                + decision + "?exp=" + exp + "&sig=" + signer.sign(action.id(), decision, exp);
    }

    private PendingAction store(ActionRequest request, String why) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 20; attempt++) {
            String code = String.format("%04d", 1000 + random.nextInt(9000));
            // PostgreSQL text cannot hold NUL; everything else is kept as written and cleaned where shown.
            var action = new PendingAction(request.id(), code, request.device(), request.on(), request.source(),
                    noNul(request.requestedBy()), noNul(request.reason()), noNul(why), request.at(), now,
                    now.plus(properties.expiry()), State.PENDING, null, null, null, null, null);
            if (repository.insert(action)) {
                return repository.find(request.id()).orElseThrow();
            }
            Optional<PendingAction> existing = repository.find(request.id());
            if (existing.isPresent()) {
                return existing.get(); // the same request offered twice: one pending action
            }
        }
        throw new IllegalStateException("No free approval code");
    }

    private static String noNul(String text) {
        return text == null ? "" : text.replace("\u0000", "");
    }

    private PendingAction ask(PendingAction action) {
        if (action.state() != State.PENDING) {
            return action;
        }
        // Fixed templates: device, action and reason. Whatever a person or model wrote is cut, cleaned
        // and quoted as someone's words (NoticeText), never passed on as CommandCenter's own text.
        String expires = TIME.format(action.expiresAt());
        String device = NoticeText.name(action.device());
        String summary = "switch " + device + (action.on() ? " on" : " off");
        String reason = action.source() == Source.AGENT
                ? "suggested by the agent: " + NoticeText.quote(action.reason())
                : NoticeText.quote(action.reason());
        String requested = "Requested by " + NoticeText.name(action.requestedBy())
                + (action.why().isBlank() ? "" : ": " + NoticeText.quote(action.why()));
        String email = """
                CommandCenter asks for your approval.

                Device: %s
                Action: %s
                Reason: %s
                %s
                Source: %s

                Approve: %s
                Reject:  %s

                Or reply by SMS: YES %s to approve, NO %s to reject.
                The links work once and expire at %s; the safety rules are checked again before anything is switched.
                Quoted text is someone else's words, not CommandCenter's: CommandCenter never asks for a password.
                """.formatted(device, summary, reason, requested, action.source().name().toLowerCase(Locale.ROOT),
                link(action, "approve"), link(action, "reject"), action.shortCode(), action.shortCode(), expires);
        String sms = "CommandCenter: approve " + summary + "? Reason: " + reason + ". " + requested + ". Reply YES "
                + action.shortCode() + " to approve, NO " + action.shortCode() + " to reject. Expires " + expires + ".";
        notifications.send(new Notice("approval-request", Notice.Kind.QUESTION,
                "CommandCenter: approve " + summary + "?", email, sms));
        return action;
    }

    private ApprovalResult execute(PendingAction action, String by) {
        // An approved agent suggestion becomes the approver's own command; automation keeps its source.
        // A fresh time so the rules judge it against now, not when it was proposed.
        boolean agent = action.source() == Source.AGENT;
        var request = new ActionRequest(action.id(), action.device(), action.on(),
                agent ? Source.MANUAL : action.source(), agent ? by : action.requestedBy(),
                action.reason() + " (approved by " + by + ")", clock.instant());
        if (emergencyStop.engaged()) {
            // STOP came between the answer and the run.
            repository.finish(action.id(), State.FAILED, "HALTED", STOP_MESSAGE);
            return told(Outcome.FAILED, "Approved, but not done: " + STOP_MESSAGE, action.id());
        }
        CommandOutcome outcome;
        try {
            outcome = commands.execute(request);
        } catch (RuntimeException e) {
            log.warn("Approved action " + action.id() + " failed", e);
            repository.finish(action.id(), State.FAILED, "ERROR", e.getMessage());
            return told(Outcome.FAILED, "Approved, but it failed: " + e.getMessage(), action.id());
        }
        boolean done = outcome.succeeded() || outcome.result() == CommandOutcome.Result.WOULD_EXECUTE;
        String reasons = String.join("; ", outcome.reasons());
        repository.finish(action.id(), done ? State.EXECUTED : State.FAILED, outcome.result().name(), reasons);
        if (done) {
            String message = outcome.succeeded() ? "Approved and done: " + action.summary() + "."
                    : "Approved: " + reasons + ".";
            return told(Outcome.EXECUTED, message, action.id());
        }
        String message = outcome.result() == CommandOutcome.Result.BLOCKED
                ? "Approved, but not done: conditions changed and the rules now block it: " + reasons + "."
                : "Approved, but not done (" + outcome.result() + "): " + reasons + ".";
        return told(Outcome.FAILED, message, action.id());
    }

    private ApprovalResult told(Outcome outcome, String message, UUID id) {
        PendingAction action = repository.find(id).orElseThrow();
        // A failure is something the owner must know even with "critical only".
        notifications.send(new Notice("approval-result",
                outcome == Outcome.FAILED ? Notice.Kind.QUESTION : Notice.Kind.INFO,
                "CommandCenter: " + (outcome == Outcome.FAILED ? "not done: " : "done: ") + action.summary(),
                message + "\nApproved by " + action.resolvedBy() + " via " + action.resolvedVia() + ".",
                message + " (code " + action.shortCode() + ")"));
        return new ApprovalResult(outcome, message, action);
    }

    /** The current state of an action as an answer, without changing anything. */
    ApprovalResult explain(UUID id) {
        return explainUnchanged(id, clock.instant());
    }

    private ApprovalResult explainUnchanged(UUID id, Instant now) {
        Optional<PendingAction> found = repository.find(id);
        if (found.isEmpty()) {
            return new ApprovalResult(Outcome.NOT_FOUND, "No such action.", null);
        }
        PendingAction a = found.get();
        if (a.state() == State.PENDING || a.state() == State.EXPIRED) {
            expireOverdue();
            return new ApprovalResult(Outcome.EXPIRED, "Too late: " + a.summary() + " expired at "
                    + TIME.format(a.expiresAt()) + " and was not done.", repository.find(id).orElse(a));
        }
        String state = switch (a.state()) {
            case APPROVED, EXECUTED -> "already approved";
            case REJECTED -> "already rejected";
            case FAILED -> "already answered, and it was not done: " + a.resultDetail();
            case SUPERSEDED -> "no longer waiting, " + a.resultDetail();
            default -> a.state().name().toLowerCase(Locale.ROOT);
        };
        return new ApprovalResult(Outcome.ALREADY_RESOLVED, a.summary() + ": " + state
                + (a.resolvedBy() == null ? "" : " (by " + a.resolvedBy() + ")") + ".", a);
    }
}
