package io.commandcenter.testmode;

import java.util.ArrayList;
import java.util.List;

import io.commandcenter.engine.RuleDirectory;
import io.commandcenter.engine.RuleFile;
import io.commandcenter.engine.RuleSet;

/** Rule sets built once per test JVM: building one takes seconds. */
public final class TestRules {

    /**
     * Never pauses a miner and switches any paused miner back on, whatever the charge (with the
     * battery floor removed too, which would otherwise still shed them).
     */
    public static final String RESUME_AT_ANY_CHARGE = """
            package rules;

            import io.commandcenter.engine.*;
            import io.commandcenter.engine.facts.*;
            import io.commandcenter.device.DeviceType;

            rule "Resume miners at any charge"
            when
                DeviceStatus($d: device, type == DeviceType.MINER, online, on == false)
                not CoolingDown(device == $d)
                CurrentTime($now: now)
            then
                insert(ActionRequest.automation($d, true, "miners.drl", "resume at any charge", $now));
            end
            """;

    /** Epoch milliseconds of 2026-01-01T00:00:00Z: the shipped scenarios are dated 2025. */
    static final long NEW_YEAR_2026 = 1_767_225_600_000L;

    /** A consequence that divides by zero on a fact value whenever a miner is on. */
    public static final String THROWING_RULE = """
            package rules;

            import io.commandcenter.engine.*;
            import io.commandcenter.engine.facts.*;
            import io.commandcenter.device.DeviceType;

            rule "Charge per running miner"
            when
                BatteryNow($at: at)
                DeviceStatus(type == DeviceType.MINER, on)
            then
                long perMinute = 60000L / ($at - $at);
            end
            """;

    private static RuleSet production;
    private static RuleSet dateConditioned;
    private static RuleSet throwing;
    private static RuleSet unsafe;

    private TestRules() {
    }

    public static synchronized RuleSet production() {
        if (production == null) {
            production = RuleSets.fromDirectory(RuleSets.DEFAULT_DIR);
        }
        return production;
    }

    /** The production files with miners.drl replaced by {@link #RESUME_AT_ANY_CHARGE}. */
    static synchronized RuleSet unsafe() {
        if (unsafe == null) {
            List<RuleFile> files = replacing("miners.drl", RESUME_AT_ANY_CHARGE);
            files.removeIf(f -> f.name().equals("battery-floor.drl"));
            unsafe = RuleSets.build(files);
        }
        return unsafe;
    }

    /**
     * The shipped miners.drl with its pause rule (the first rule, the first {@code CurrentTime}) allowed only
     * before 2026-01-01.
     */
    public static String dateConditionedMiners() {
        String shipped = new RuleDirectory(RuleSets.DEFAULT_DIR).load().stream().filter(f -> f.name().equals("miners.drl"))
                .findFirst().orElseThrow().content();
        String pause = "rule \"Battery below the pause threshold: pause running miners\"";
        int rule = shipped.indexOf(pause);
        int time = shipped.indexOf("CurrentTime($now: now)", rule);
        if (rule < 0 || time < 0) {
            throw new IllegalStateException("miners.drl no longer has the pause rule this test conditions on the date");
        }
        return shipped.substring(0, time) + "CurrentTime($now: now, now < " + NEW_YEAR_2026 + "L)"
                + shipped.substring(time + "CurrentTime($now: now)".length());
    }

    static synchronized RuleSet dateConditioned() {
        if (dateConditioned == null) {
            dateConditioned = RuleSets.build(replacing("miners.drl", dateConditionedMiners()));
        }
        return dateConditioned;
    }

    /** The production files plus {@link #THROWING_RULE} as reports.drl. */
    static synchronized RuleSet throwing() {
        if (throwing == null) {
            List<RuleFile> files = new ArrayList<>(new RuleDirectory(RuleSets.DEFAULT_DIR).load());
            files.add(RuleFile.file("reports.drl", THROWING_RULE));
            throwing = RuleSets.build(files);
        }
        return throwing;
    }

    static List<RuleFile> replacing(String name, String content) {
        List<RuleFile> files = new ArrayList<>();
        for (RuleFile f : new RuleDirectory(RuleSets.DEFAULT_DIR).load()) {
            files.add(f.name().equals(name) ? RuleFile.file(name, content) : f);
        }
        return files;
    }
}
