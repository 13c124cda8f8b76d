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
import io.commandcenter.engine.RuleSetRolledBack;
import io.commandcenter.ingest.SourceWentQuiet;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Critical alerts: the emergency stop, a safety block of an automated action, a protective off that did not
 * take, a source without a successful poll for a while, a rule-set version rolled back because it failed live.
 * The same alert is not repeated within alert-repeat-after.
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

    @EventListener
    void onEmergencyStop(EmergencyStopSwitch.EmergencyStopChanged changed) {
        var s = changed.state();
        String text = s.engaged()
                ? "Emergency stop ENGAGED by " + s.who() + ": " + s.why() + ". Automated and agent actions are blocked."
                : "Emergency stop released by " + s.who() + ": " + s.why() + ".";
        // Every change is sent: a stop and its release must both reach the owner.
        notifications.send(new Notice("alert-stop", Notice.Kind.CRITICAL,
                "CommandCenter: emergency stop " + (s.engaged() ? "engaged" : "released"), text, text));
    }

    @EventListener
    void onProposal(ActionProposed proposed) {
        Decision d = proposed.decision();
        if (d.outcome() != Decision.Outcome.BLOCKED) {
            return;
        }
        String key = "safety:" + d.device() + ":" + d.on() + ":" + String.join("|", d.reasons());
        if (!due(key)) {
            return;
        }
        String text = "Safety rules blocked switching " + d.device() + (d.on() ? " on" : " off")
                + " (asked by " + d.requestedBy() + "): " + String.join("; ", d.reasons());
        notifications.send(new Notice("alert-safety", Notice.Kind.CRITICAL,
                "CommandCenter: safety block on " + d.device(), text, text));
    }

    /** Once per failed version: the engine already put the previous rules back, the owner should know why. */
    @EventListener
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
    @EventListener
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
    @EventListener
    void onProtectiveOffFailed(ProtectiveOffFailed failed) {
        String device = NoticeText.name(failed.device());
        if (!due("protective:" + failed.device() + ":" + failed.result() + ":" + failed.finalState())) {
            return;
        }
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
        notifications.send(new Notice("alert-protective-off", Notice.Kind.CRITICAL,
                "CommandCenter: CRITICAL: " + device + " did not switch off", email, sms));
    }

    /** Told by ingest's poll health, the one detector of quiet sources, on each check while the source is quiet. */
    @EventListener
    void onSourceWentQuiet(SourceWentQuiet quiet) {
        if (!due("poll:" + quiet.source())) {
            return;
        }
        String text = quiet.source() + " has had no successful poll "
                + (quiet.lastSuccess() == null ? "since CommandCenter started" : "since " + quiet.lastSuccess())
                + ". Readings from it are unknown; automation that depends on them is held.";
        notifications.send(new Notice("alert-poll", Notice.Kind.CRITICAL,
                "CommandCenter: no data from " + quiet.source(), text, text));
    }

    private boolean due(String key) {
        Instant now = clock.instant();
        Instant previous = lastSent.get(key);
        if (previous != null && previous.plus(properties.alertRepeatAfter()).isAfter(now)) {
            return false;
        }
        lastSent.put(key, now);
        return true;
    }
}
