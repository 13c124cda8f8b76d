package io.commandcenter.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.commandcenter.engine.BatteryAlarmChanged;
import io.commandcenter.engine.facts.BatteryAlarm;

import io.commandcenter.control.EmergencyStopSwitch;
import io.commandcenter.control.ProtectiveOffFailed;
import io.commandcenter.engine.ActionProposed;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.IfThenNotifies;
import io.commandcenter.workflow.WorkflowNotifies;
import io.commandcenter.engine.RuleSetRolledBack;
import io.commandcenter.ingest.SourceWentQuiet;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Critical alerts: the emergency stop, a safety block of an automated action, a protective off that did not
 * take, a source without a successful poll for a while, a rule-set version rolled back because it failed live.
 * The same alert is not repeated within alert-repeat-after.
 * <p>
 * Every listener is durable, asynchronous and after commit: Spring Modulith records the event for it in
 * {@code system.event_publication} when it is published (in the publisher's transaction), the listener runs on
 * the {@code notify} thread after that transaction commits, and the record is completed when the listener returns.
 * One left incomplete (the application stopped before the mail went out, or the listener threw) is delivered again
 * at the next start. An event published outside a transaction is recorded and handled at once
 * ({@code fallbackExecution}).
 */
@Component
class AlertNotifier {

    private final Notifications notifications;
    private final NotifyProperties properties;
    private final Clock clock;
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

    AlertNotifier(Notifications notifications, NotifyProperties properties, Clock clock) {
        this.notifications = notifications;
        this.properties = properties;
        this.clock = clock;
    }

    @Async(NotifyConfiguration.ALERTS)
    @TransactionalEventListener(fallbackExecution = true)
    void onEmergencyStop(EmergencyStopSwitch.EmergencyStopChanged changed) {
        var s = changed.state();
        String text = s.engaged()
                ? "Emergency stop ENGAGED by " + s.who() + ": " + s.why() + ". Automated and agent actions are blocked."
                : "Emergency stop released by " + s.who() + ": " + s.why() + ".";
        // Every change is sent: a stop and its release must both reach the owner.
        notifications.send(new Notice("alert-stop", Notice.Kind.CRITICAL,
                "CommandCenter: emergency stop " + (s.engaged() ? "engaged" : "released"), text, text));
    }

    /** Only blocked decisions are recorded for this listener (the condition is checked before the record is made). */
    @Async(NotifyConfiguration.ALERTS)
    @TransactionalEventListener(fallbackExecution = true,
            condition = "#proposed.decision().outcome().name() == 'BLOCKED'")
    void onProposal(ActionProposed proposed) {
        Decision d = proposed.decision();
        String key = "safety:" + d.device() + ":" + d.on() + ":" + String.join("|", d.reasons());
        String text = "Safety rules blocked switching " + d.device() + (d.on() ? " on" : " off")
                + " (asked by " + d.requestedBy() + "): " + String.join("; ", d.reasons());
        sendUnlessRecent(key, new Notice("alert-safety", Notice.Kind.CRITICAL,
                "CommandCenter: safety block on " + d.device(), text, text));
    }

    /** An owner's if/then rule says "notify me": by the notification settings, in quiet hours only when critical. */
    @Async(NotifyConfiguration.ALERTS)
    @TransactionalEventListener(fallbackExecution = true)
    void onIfThenNotifies(IfThenNotifies notifies) {
        String name = notifies.rule().replaceFirst("^if-then / ", "");
        String text = "Your rule \"" + name + "\": " + (notifies.message() == null || notifies.message().isBlank()
                ? "its conditions hold." : notifies.message());
        notifications.send(new Notice("alert-rule", notifies.critical() ? Notice.Kind.CRITICAL : Notice.Kind.INFO,
                "CommandCenter: " + name, text, text));
    }

    /** A workflow's notify step: by the notification settings, in quiet hours only when critical. */
    @Async(NotifyConfiguration.ALERTS)
    @TransactionalEventListener(fallbackExecution = true)
    void onWorkflowNotifies(WorkflowNotifies notifies) {
        String text = "Your workflow \"" + notifies.workflow() + "\": " + notifies.message();
        notifications.send(new Notice("alert-workflow", notifies.critical() ? Notice.Kind.CRITICAL : Notice.Kind.INFO,
                "CommandCenter: " + notifies.workflow(), text, text));
    }

    /** Once per failed version: the engine already put the previous rules back, the owner should know why. */
    @Async(NotifyConfiguration.ALERTS)
    @TransactionalEventListener(fallbackExecution = true)
    void onRuleSetRolledBack(RuleSetRolledBack rolledBack) {
        String text = "Rule set version " + rolledBack.failedVersion() + " failed in the live engine and was rolled back"
                + " to version " + rolledBack.restoredVersion() + ": " + rolledBack.reason();
        notifications.send(new Notice("alert-rules", Notice.Kind.CRITICAL,
                "CommandCenter: rules rolled back to version " + rolledBack.restoredVersion(), text, text));
    }

    /**
     * The low-battery alarm: raised at the minimum and again at critical, sent in quiet hours too;
     * its clearing is information. The engine's hysteresis keeps a hovering charge from repeating it.
     */
    @Async(NotifyConfiguration.ALERTS)
    @TransactionalEventListener(fallbackExecution = true)
    void onBatteryAlarm(BatteryAlarmChanged alarm) {
        String soc = String.format(java.util.Locale.ROOT, "%.1f %%", alarm.soc());
        if (alarm.cleared()) {
            String text = "Battery back at " + soc + ": the low-battery alarm is over.";
            notifications.send(new Notice("alert-battery", Notice.Kind.INFO, "CommandCenter: battery recovered", text,
                    text));
            return;
        }
        if (!alarm.raised()) {
            return; // eased from critical back to the minimum alarm: nothing new to say
        }
        boolean critical = alarm.to() == BatteryAlarm.Level.CRITICAL;
        StringBuilder text = new StringBuilder("Battery at ").append(soc).append(critical
                ? ", at or below critical: every load that is not essential is being switched off."
                : ", below your minimum: loads automation may shed are being switched off.");
        List<String> others = alarm.loadsNotOff().stream().filter(d -> !alarm.switchedOnByPerson().contains(d))
                .map(NoticeText::name).toList();
        if (!alarm.switchedOnByPerson().isEmpty()) {
            text.append(critical ? " Switched on by a person, switched off now: " : " Still on because a person switched them on: ")
                    .append(String.join(", ", alarm.switchedOnByPerson().stream().map(NoticeText::name).toList()))
                    .append(critical ? "." : " (switch them off, or they go off at critical).");
        }
        if (!others.isEmpty()) {
            text.append(" Not off yet: ").append(String.join(", ", others)).append('.');
        }
        notifications.send(new Notice("alert-battery", Notice.Kind.CRITICAL,
                "CommandCenter: battery " + (critical ? "critical" : "low") + " (" + soc + ")", text.toString(),
                text.toString()));
    }

    /**
     * The battery floor asked for a load to go off and it did not: the battery keeps draining until a person acts.
     * Critical, so it goes out by email and SMS in quiet hours and with "critical only" too.
     */
    @Async(NotifyConfiguration.ALERTS)
    @TransactionalEventListener(fallbackExecution = true)
    void onProtectiveOffFailed(ProtectiveOffFailed failed) {
        String device = NoticeText.name(failed.device());
        String state = failed.result() == io.commandcenter.control.CommandOutcome.Result.OFFLINE
                ? "is offline, so its state is unknown (the off waits and runs when it is back)"
                : switch (failed.finalState()) {
                    case "on" -> "is still ON";
                    case "off" -> "was last seen off but not confirmed";
                    default -> "is in an unknown state";
                };
        String sms = "CommandCenter CRITICAL: could not switch " + device + " off to protect the battery ("
                + NoticeText.quote(failed.reason()) + "). It " + state + " after " + failed.attempts()
                + " tries (" + failed.result() + "). Switch it off by hand.";
        String email = """
                CommandCenter could not carry out a protective off.

                Device: %s
                Why it had to go off: %s
                Result: %s after %d tries (over the cloud and, where configured, the LAN)
                The device %s.
                Details: %s

                The battery keeps draining while the load runs: switch it off by hand on the hardware page,
                in the Shelly app or at the plug.
                """.formatted(device, NoticeText.quote(failed.reason()), failed.result(), failed.attempts(), state,
                NoticeText.quote(String.join("; ", failed.details())));
        sendUnlessRecent("protective:" + failed.device() + ":" + failed.result() + ":" + failed.finalState(),
                new Notice("alert-protective-off", Notice.Kind.CRITICAL,
                        "CommandCenter: CRITICAL: " + device + " did not switch off", email, sms));
    }

    /** Told by ingest's poll health, the one detector of quiet sources, on each check while the source is quiet. */
    @Async(NotifyConfiguration.ALERTS)
    @TransactionalEventListener(fallbackExecution = true)
    void onSourceWentQuiet(SourceWentQuiet quiet) {
        String text = quiet.source() + " has had no successful poll "
                + (quiet.lastSuccess() == null ? "since CommandCenter started" : "since " + quiet.lastSuccess())
                + ". Readings from it are unknown; automation that depends on them is held.";
        sendUnlessRecent("poll:" + quiet.source(), new Notice("alert-poll", Notice.Kind.CRITICAL,
                "CommandCenter: no data from " + quiet.source(), text, text));
    }

    /**
     * Sends the notice unless the same alert went out within alert-repeat-after. A send that throws does not count,
     * so the delivery again of its event (resubmitted or at the next start) is not taken for a repeat.
     */
    private void sendUnlessRecent(String key, Notice notice) {
        Instant now = clock.instant();
        Instant previous = lastSent.get(key); // listeners take turns on the one notify thread
        if (previous != null && previous.plus(properties.alertRepeatAfter()).isAfter(now)) {
            return;
        }
        lastSent.put(key, now);
        try {
            notifications.send(notice);
        } catch (RuntimeException e) {
            lastSent.remove(key, now);
            throw e;
        }
    }
}
