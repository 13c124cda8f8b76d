package io.commandcenter.testmode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.EngineSession;
import io.commandcenter.engine.facts.BatteryAlarm;
import io.commandcenter.engine.Source;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.testmode.SimulationReport.Action;
import io.commandcenter.testmode.SimulationReport.Alert;
import io.commandcenter.testmode.SimulationReport.Blocked;
import io.commandcenter.testmode.SimulationReport.Extreme;
import io.commandcenter.testmode.SimulationReport.Point;
import io.commandcenter.testmode.SimulationReport.Violation;

/**
 * Collects what a run saw and decided, watches the safety limits, and builds the report. One per run,
 * used by the single thread that runs it.
 */
final class RunRecorder {

    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    /**
     * A device as one sample saw it.
     *
     * @param essential the owner marked it essential (well pump, lights): the battery floor never sheds it, so
     *                  it may run below critical; every other load must be off there
     */
    record DeviceSample(String name, DeviceType type, boolean on, double powerW, boolean essential) {
    }

    private final SiteSettings settings;
    private final RuleNames ruleNames;
    private final long seriesStride;

    private final List<Action> actions = new ArrayList<>();
    private final List<Blocked> blocked = new ArrayList<>();
    private final List<Point> series = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();
    private final List<SimulationReport.AutomationStep> automation = new ArrayList<>();
    private final Map<String, Double> minerRunHours = new TreeMap<>();
    private final Map<String, Integer> actionsPerDevice = new TreeMap<>();
    private final Map<String, Integer> actionsPerRule = new TreeMap<>();
    private final Map<String, Integer> blockedPerReason = new TreeMap<>();
    private final Map<String, Long> lastSwitch = new TreeMap<>();
    /** Devices whose latest allowed off the relay did not carry out (ignored, offline). */
    private final Set<String> refusedOff = new TreeSet<>();
    private final Set<String> alerted = new TreeSet<>();

    private long samples;
    private double minSoc = Double.MAX_VALUE, maxSoc = -Double.MAX_VALUE;
    private Instant minSocAt, maxSocAt;
    private double hoursBelowMin;
    private boolean inCriticalEpisode;
    private double lastSoc;

    private final boolean checkCharge;

    RunRecorder(SiteSettings settings, RuleNames ruleNames, long expectedSamples, int maxPoints) {
        this(settings, ruleNames, expectedSamples, maxPoints, true);
    }

    /**
     * @param checkCharge whether relays follow the rules' decisions (closed loop), so a load on at
     *                    critical charge is the rules' doing; in a replay they do not
     */
    RunRecorder(SiteSettings settings, RuleNames ruleNames, long expectedSamples, int maxPoints, boolean checkCharge) {
        this.checkCharge = checkCharge;
        this.settings = settings;
        this.ruleNames = ruleNames;
        this.seriesStride = Math.max(1, (expectedSamples + maxPoints - 1) / maxPoints);
    }

    /** One moment of the site; the values hold for {@code hours} until the next sample. */
    void sample(Instant at, double soc, double pvW, double loadW, double gridW, List<DeviceSample> devices,
                double hours) {
        lastSoc = soc;
        if (samples++ % seriesStride == 0) {
            series.add(new Point(Numbers.time(at), Numbers.r2(soc), Numbers.round(pvW, 0), Numbers.round(loadW, 0),
                    Numbers.round(gridW, 0)));
        }
        if (soc < minSoc) {
            minSoc = soc;
            minSocAt = at;
        }
        if (soc > maxSoc) {
            maxSoc = soc;
            maxSocAt = at;
        }
        if (soc < settings.minSoc()) {
            hoursBelowMin += hours;
        }
        List<String> loadsOn = new ArrayList<>();
        for (DeviceSample d : devices) {
            if (d.type() == DeviceType.MINER) {
                minerRunHours.merge(d.name(), d.powerW() > 0 ? hours : 0, Double::sum);
            }
            if (d.on() && !d.essential()) {
                loadsOn.add(d.name());
            }
        }
        boolean critical = checkCharge && soc < settings.criticalSoc() && !loadsOn.isEmpty();
        if (critical && !inCriticalEpisode) {
            // The rules asked every one of these loads off and the relay refused: the hardware's fault, not the
            // rules'. Still reported, next to the alerts the owner got.
            boolean hardware = refusedOff.containsAll(loadsOn);
            violations.add(new Violation("SOC_BELOW_CRITICAL_WITH_LOAD_ON", Numbers.time(at), String.join(",", loadsOn),
                    "battery at " + Numbers.format(Numbers.r2(soc)) + " %, below critical "
                            + Numbers.format(settings.criticalSoc()) + " %, while " + String.join(", ", loadsOn)
                            + " was on" + (hardware ? " (the relay refused to switch it off)" : ""), hardware));
        }
        inCriticalEpisode = critical;
    }

    /**
     * The engine's low-battery alarm changed (its own hysteresis decides): a raised alarm is an alert the owner
     * gets, as the live notifier sends it.
     */
    void alarm(Instant at, EngineSession.AlarmChange change) {
        boolean raised = change.to() != null && (change.from() == null
                || (change.from() == BatteryAlarm.Level.MINIMUM && change.to() == BatteryAlarm.Level.CRITICAL));
        if (!raised) {
            return;
        }
        boolean critical = change.to() == BatteryAlarm.Level.CRITICAL;
        alerts.add(new Alert("LOW_BATTERY", Numbers.time(at), null, "battery at " + Numbers.format(Numbers.r2(change.soc()))
                + (critical ? " %, at or below critical" : " %, below the minimum")
                + (change.loadsNotOff().isEmpty() ? "" : "; not off yet: " + String.join(", ", change.loadsNotOff()))));
    }

    /** The charge the next decisions are made at (a replay samples a reading only once the next one is known). */
    void currentSoc(double soc) {
        lastSoc = soc;
    }

    /**
     * A decision of the rules. {@code relay} says what happened to an allowed automation action
     * (null when nothing was carried out).
     */
    /** A schedule's run, a workflow's step, a mode switch or a notification in the dry run. */
    void automation(SimulationReport.AutomationStep step) {
        automation.add(step);
    }

    void decision(Decision d, String relay, boolean emergencyStop) {
        String at = Numbers.time(d.decidedAt());
        String rule = ruleNames.proposer(d);
        List<String> fired = RuleNames.sorted(d.firedRules());
        if (d.allowed()) {
            if (d.source() == Source.MANUAL) {
                return;
            }
            actions.add(new Action(at, d.device(), d.on(), rule, relay, Numbers.r2(lastSoc), fired));
            actionsPerDevice.merge(d.device(), 1, Integer::sum);
            actionsPerRule.merge(rule, 1, Integer::sum);
            long now = d.decidedAt().toEpochMilli();
            Long last = lastSwitch.put(d.device(), now);
            // Shedding a load below the owner's minimum charge may cut a cooldown short (the rules do so), and so
            // may the battery floor's protective off.
            boolean protective = !d.on() && d.source() == Source.SAFETY;
            boolean shedding = !d.on() && lastSoc < settings.minSoc();
            if (last != null && now - last < settings.minerCooldownMillis() && !shedding && !protective) {
                violations.add(new Violation("SWITCHED_WITHIN_COOLDOWN", at, d.device(), d.device() + " switched "
                        + (d.on() ? "on" : "off") + " " + (now - last) / 1000 + " s after its previous switch; cooldown is "
                        + settings.minerCooldownMillis() / 60_000 + " min", false));
            }
            if (emergencyStop && d.on()) {
                violations.add(new Violation("LOAD_SWITCHED_ON_DURING_EMERGENCY_STOP", at, d.device(), d.source()
                        + " switched " + d.device() + " on while the emergency stop was active (" + rule + ")", false));
            } else if (emergencyStop && !protective) {
                violations.add(new Violation("ACTION_DURING_EMERGENCY_STOP", at, d.device(), d.source() + " switched "
                        + d.device() + " off while the emergency stop was active (" + rule + ")", false));
            }
            if (relay != null && relay.equals("SWITCHED")) {
                refusedOff.remove(d.device());
                alerted.remove(d.device());
            } else if (relay != null && !d.on()) {
                refusedOff.add(d.device());
            }
            // The hardware refused a protective off: the owner has to be told (the load keeps draining), once
            // until the relay obeys again, as the live alerts are not repeated either.
            boolean floor = protective || (!d.on() && lastSoc <= settings.criticalSoc());
            if (floor && relay != null && !relay.equals("SWITCHED") && !alerted.contains(d.device())) {
                alerted.add(d.device());
                alerts.add(new Alert("PROTECTIVE_OFF_FAILED", at, d.device(), d.device() + " did not switch off ("
                        + relay + ") at battery " + Numbers.format(Numbers.r2(lastSoc)) + " %; it is still drawing"));
            }
        } else {
            blocked.add(new Blocked(at, d.device(), d.on(), rule, d.outcome().name(), List.copyOf(d.reasons()),
                    Numbers.r2(lastSoc), fired));
            List<String> reasons = d.reasons().isEmpty() ? List.of("waiting for a person's approval") : d.reasons();
            for (String reason : reasons) {
                // Group by the reason's words: "battery at 41.2 %" and "battery at 40.9 %" are one reason.
                blockedPerReason.merge(NUMBER.matcher(reason).replaceAll("#"), 1, Integer::sum);
            }
        }
    }

    /** The violations the rules are answerable for (not those where a relay refused their off). */
    static List<Violation> rulesViolations(List<Violation> all) {
        return all.stream().filter(v -> !v.hardwareRefused()).toList();
    }

    List<Violation> violations() {
        return violations;
    }

    List<Alert> alerts() {
        return alerts;
    }

    record Energy(Map<String, Double> perDeviceKwh, double pvKwh, double loadKwh, double importKwh, double exportKwh,
                  double curtailedKwh, double unmetKwh) {
    }

    SimulationReport report(String kind, String scenario, String description, long seed, String rulesHash,
                            Instant start, Instant end, long steps, long stepSeconds, Energy energy,
                            List<SimulationReport.DecisionDiff> diff) {
        Map<String, Double> perDevice = new TreeMap<>();
        energy.perDeviceKwh().forEach((k, v) -> perDevice.put(k, Numbers.round(v, 3)));
        Map<String, Double> runHours = new TreeMap<>();
        minerRunHours.forEach((k, v) -> runHours.put(k, Numbers.r2(v)));
        double hours = (end.toEpochMilli() - start.toEpochMilli()) / 3_600_000.0;
        var summary = new SimulationReport.Summary(kind, scenario, description, seed, rulesHash,
                SettingsOverrides.describe(settings), Numbers.time(start), Numbers.time(end), Numbers.r2(hours), steps,
                stepSeconds, extreme(minSoc, minSocAt), extreme(maxSoc, maxSocAt), Numbers.r2(hoursBelowMin), perDevice,
                runHours, Numbers.round(energy.pvKwh(), 3), Numbers.round(energy.loadKwh(), 3),
                Numbers.round(energy.importKwh(), 3), Numbers.round(energy.exportKwh(), 3),
                Numbers.round(energy.curtailedKwh(), 3), Numbers.round(energy.unmetKwh(), 3), actions.size(),
                actionsPerDevice, actionsPerRule, blocked.size(), blockedPerReason, violations.size(), alerts.size());
        return new SimulationReport(summary, List.copyOf(actions), List.copyOf(blocked), List.copyOf(series),
                List.copyOf(violations), List.copyOf(alerts), diff, List.copyOf(automation));
    }

    private static Extreme extreme(double value, Instant at) {
        return at == null ? null : new Extreme(Numbers.r2(value), Numbers.time(at));
    }
}
