package io.commandcenter.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.EngineSession.ClockMode;
import io.commandcenter.engine.facts.BatteryLevel;
import io.commandcenter.engine.facts.DailyWindow;
import io.commandcenter.engine.facts.DevicePower;
import io.commandcenter.engine.facts.PowerFlow;
import io.commandcenter.engine.facts.SiteSettings;

/** Test fixture: the production rule files built once per test JVM, and a pseudo-clock session on them. */
final class Rules {

    static final Instant START = Instant.parse("2026-01-05T12:00:00Z"); // a Monday, noon UTC
    private static RuleSet production;

    private Rules() {
    }

    static synchronized RuleSet production() {
        if (production == null) {
            production = build(new RuleDirectory(Path.of("rules")).load());
        }
        return production;
    }

    static RuleSet build(List<RuleFile> files) {
        RuleSetBuilder.Result result = new RuleSetBuilder().build(files);
        if (!result.ok()) {
            throw new AssertionError("rules do not compile: " + result.errors());
        }
        return result.ruleSet();
    }

    static List<RuleFile> productionFilesPlus(RuleFile... extra) {
        List<RuleFile> files = new ArrayList<>(new RuleDirectory(Path.of("rules")).load());
        files.addAll(List.of(extra));
        return files;
    }

    /** Owner defaults: critical 20, min 30, target 80, pause miners below 50, resume above 80. */
    static SiteSettings defaults() {
        return new SiteSettings(20, 30, 80, 50, 80, 5000, DailyWindow.NEVER, DailyWindow.NEVER,
                10 * 60_000L, 60 * 60_000L, 0);
    }

    static EngineSession session() {
        return session(production(), defaults());
    }

    static EngineSession session(RuleSet rules, SiteSettings settings) {
        return EngineSession.start(rules, ClockMode.PSEUDO, ZoneOffset.UTC, START, settings, 1);
    }

    static void battery(EngineSession s, double soc) {
        s.insertBattery(new BatteryLevel("home", s.now().toEpochMilli(), soc));
    }

    static void power(EngineSession s, double pv, double load, double grid) {
        s.insertPower(new PowerFlow("home", s.now().toEpochMilli(), pv, load, grid));
    }

    static void device(EngineSession s, String name, DeviceType type, boolean on) {
        s.insertDevice(new DevicePower(name, s.now().toEpochMilli(), true, on, on ? 1500.0 : 0.0), type, 1500);
    }

    static void offline(EngineSession s, String name, DeviceType type) {
        s.insertDevice(new DevicePower(name, s.now().toEpochMilli(), false, null, null), type, 1500);
    }

    static void minutesLater(EngineSession s, int minutes) {
        s.advanceTo(s.now().plusSeconds(minutes * 60L));
    }

    static ActionRequest manual(String device, boolean on) {
        return ActionRequest.of(device, on, Source.MANUAL, "alice", "test", START);
    }
}
