package io.commandcenter.testmode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.EngineSession;
import io.commandcenter.engine.EngineSession.ClockMode;
import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.Source;
import io.commandcenter.engine.facts.BatteryLevel;
import io.commandcenter.engine.facts.DevicePower;
import io.commandcenter.engine.facts.EmergencyStop;
import io.commandcenter.engine.facts.PowerFlow;
import io.commandcenter.engine.facts.SiteSettings;

/**
 * Checks directly on a rule set that each shipped safety and pause behaviour still happens, in situations
 * generated at the present time (and a year ahead), with the owner's settings: scenarios are dated, so a rule
 * conditioned on the date could pass them and still do nothing today. Each property runs in its own session
 * under a pseudo clock; nothing is switched.
 *
 * <ul>
 *   <li>miners pause below the pause threshold: a running miner gets an allowed automation off;</li>
 *   <li>the battery floor sheds every non-essential load: at or below critical a running heater and miner get
 *       an allowed off from {@link Source#SAFETY}, and the floor never switches off an essential well pump;</li>
 *   <li>the floor still sheds during an emergency stop;</li>
 *   <li>miners that automation paused resume above the resume threshold, once at the target charge.</li>
 * </ul>
 * The pause properties are checked with auto-pause on, whatever the owner set: they are about the rules.
 */
public final class RuleSetProperties {

    static final String SITE = "property-check";
    private static final Duration STEP = Duration.ofMinutes(2);
    private static final double MINER_W = 1400, HEATER_W = 2500, PUMP_W = 750;

    /** A property that does not hold, in words. */
    public record Broken(String property, Instant at, String detail) {
        public String describe() {
            return "property '" + property + "' does not hold at " + Numbers.time(at) + ": " + detail;
        }
    }

    private final RuleSet rules;
    private final SiteSettings settings;
    private final ZoneId zone;

    public RuleSetProperties(RuleSet rules, SiteSettings settings, ZoneId zone) {
        this.rules = rules;
        // The properties check what the rules can do, whatever the owner chose: a rule set that cannot pause miners
        // must not go live because auto-pause happens to be off today.
        this.settings = settings.withAutoPauseMiners(true);
        this.zone = zone;
    }

    /** Every property at each of {@code times}; a rule that throws is a {@link RuleSetFailure}. */
    public List<Broken> check(List<Instant> times) {
        List<Broken> broken = new ArrayList<>();
        for (Instant at : times) {
            double pause = settings.pauseMinersBelow(), min = settings.minSoc(), critical = settings.criticalSoc();
            for (double soc : List.of(pause - 0.5, (min + pause) / 2)) {
                minersPause(at, soc).ifPresent(broken::add);
            }
            for (double soc : List.of(critical, Math.max(0, critical - 2))) {
                floorSheds(at, soc, false).ifPresent(broken::add);
                floorSheds(at, soc, true).ifPresent(broken::add);
            }
            minersResume(at).ifPresent(broken::add);
        }
        return broken;
    }

    private Optional<Broken> minersPause(Instant at, double soc) {
        String name = "miners pause below the pause threshold";
        try (Probe p = new Probe(at, name)) {
            p.devices(true, false);
            Duration confirm = Duration.ofMillis(settings.pauseConfirmMillis()).plus(Duration.ofMinutes(4));
            List<Decision> seen = p.run(soc, confirm);
            if (seen.stream().noneMatch(off("miner-1").and(d -> d.source() == Source.AUTOMATION))) {
                return p.broken("battery at " + Numbers.format(soc) + " % (pause below "
                        + Numbers.format(settings.pauseMinersBelow()) + " %) for " + confirm.toMinutes()
                        + " min with miner-1 on, and no allowed automation off for miner-1" + decided(seen));
            }
            return Optional.empty();
        }
    }

    private Optional<Broken> floorSheds(Instant at, double soc, boolean emergencyStop) {
        String name = emergencyStop ? "the battery floor sheds non-essential loads during an emergency stop"
                : "the battery floor sheds non-essential loads";
        try (Probe p = new Probe(at, name)) {
            p.devices(true, true);
            if (emergencyStop) {
                p.session.setEmergencyStop(new EmergencyStop(true, "property check", "emergency stop held",
                        at.toEpochMilli()));
            }
            List<Decision> seen = p.run(soc, Duration.ofMinutes(6));
            List<String> kept = new ArrayList<>();
            for (String device : List.of("water-heater", "miner-1")) {
                if (seen.stream().noneMatch(off(device).and(d -> d.source() == Source.SAFETY))) {
                    kept.add(device);
                }
            }
            String situation = "battery at " + Numbers.format(soc) + " % (critical "
                    + Numbers.format(settings.criticalSoc()) + " %)"
                    + (emergencyStop ? " with the emergency stop engaged" : "") + " for 6 min";
            if (!kept.isEmpty()) {
                return p.broken(situation + ", and no allowed battery-floor off for " + String.join(", ", kept)
                        + decided(seen));
            }
            // Only the floor's own offs count: an owner's table may well switch a pump off when the charge is low.
            if (seen.stream().anyMatch(off("well-pump").and(d -> d.source() == Source.SAFETY))) {
                return p.broken(situation + ", and the battery floor switched off the essential well-pump"
                        + decided(seen));
            }
            return Optional.empty();
        }
    }

    private Optional<Broken> minersResume(Instant at) {
        String name = "miners that automation paused resume above the resume threshold";
        // Quiet hours forbid switching on; the property is about the charge, so it is checked outside them.
        Instant start = at;
        for (int i = 0; i < 24 * 4 && settings.quietHours().contains(minuteOfDay(start)); i++) {
            start = start.plus(Duration.ofMinutes(15));
        }
        try (Probe p = new Probe(start, name)) {
            p.devices(true, false);
            double low = Math.max(settings.minSoc(), settings.pauseMinersBelow() - 5);
            List<Decision> paused = p.run(low, Duration.ofMillis(settings.pauseConfirmMillis()).plus(Duration.ofMinutes(4)));
            if (paused.stream().noneMatch(off("miner-1").and(d -> d.source() == Source.AUTOMATION))) {
                return p.broken("could not be checked: miner-1 was not paused at " + Numbers.format(low) + " %"
                        + decided(paused));
            }
            p.minerOn = false; // the relay obeyed the pause
            // Above the resume threshold and at the target charge, whichever is higher.
            double high = Math.min(100, Math.max(settings.resumeMinersAbove() + 1, settings.targetSoc()));
            Duration wait = Duration.ofMillis(settings.minerCooldownMillis()).plus(Duration.ofMinutes(6));
            List<Decision> seen = p.run(high, wait);
            if (seen.stream().noneMatch(d -> d.device().equals("miner-1") && d.on() && d.allowed()
                    && d.source() == Source.AUTOMATION)) {
                return p.broken("battery at " + Numbers.format(high) + " % (resume above "
                        + Numbers.format(settings.resumeMinersAbove()) + " % once at the target "
                        + Numbers.format(settings.targetSoc()) + " %) for " + wait.toMinutes()
                        + " min after automation paused miner-1, and no allowed automation on for miner-1" + decided(seen));
            }
            return Optional.empty();
        }
    }

    private static Predicate<Decision> off(String device) {
        return d -> d.device().equals(device) && !d.on() && d.allowed();
    }

    private static String decided(List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return " (no decision at all)";
        }
        return " (decided: " + decisions.stream().limit(4).map(d -> d.device() + (d.on() ? " on " : " off ")
                + d.source() + " " + d.outcome() + (d.reasons().isEmpty() ? "" : " " + d.reasons()))
                .collect(Collectors.joining("; ")) + (decisions.size() > 4 ? "; …" : "") + ")";
    }

    private int minuteOfDay(Instant t) {
        var local = t.atZone(zone);
        return local.getHour() * 60 + local.getMinute();
    }

    /** One generated situation: a running miner, and for the floor a running water heater and essential well pump. */
    private final class Probe implements AutoCloseable {

        final EngineSession session;
        final String property;
        Instant now;
        boolean minerOn = true, heaterOn;
        boolean heater;

        Probe(Instant start, String property) {
            this.now = start;
            this.property = property;
            this.session = EngineSession.start(rules, ClockMode.PSEUDO, zone, start, settings, 0);
        }

        void devices(boolean miner, boolean heater) {
            this.minerOn = miner;
            this.heater = heater;
            this.heaterOn = heater;
        }

        /** Feeds the charge every two minutes for {@code span} and returns every decision made meanwhile. */
        List<Decision> run(double soc, Duration span) {
            List<Decision> decisions = new ArrayList<>();
            Instant until = now.plus(span);
            for (; !now.isAfter(until); now = now.plus(STEP)) {
                try {
                    session.advanceTo(now);
                    long at = now.toEpochMilli();
                    session.insertBattery(new BatteryLevel(SITE, at, soc));
                    // Plenty of sun and no grid: switching on is never held up by the grid limit.
                    session.insertPower(new PowerFlow(SITE, at, 6000, 2000, 0));
                    session.insertDevice(new DevicePower("miner-1", at, true, minerOn, minerOn ? MINER_W : 0.0),
                            DeviceType.MINER, MINER_W, false);
                    if (heater) {
                        session.insertDevice(new DevicePower("water-heater", at, true, heaterOn, heaterOn ? HEATER_W : 0.0),
                                DeviceType.HEATER, HEATER_W, false);
                        session.insertDevice(new DevicePower("well-pump", at, true, true, PUMP_W),
                                DeviceType.PUMP, PUMP_W, true);
                    }
                    decisions.addAll(session.fire());
                } catch (RuntimeException e) {
                    throw RuleSetFailure.of(e, now, "in the property check '" + property + "'");
                }
            }
            return decisions;
        }

        Optional<Broken> broken(String detail) {
            return Optional.of(new Broken(property, now, detail));
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
