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

    private static RuleSet production;
    private static RuleSet unsafe;

    private TestRules() {
    }

    static synchronized RuleSet production() {
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

    static List<RuleFile> replacing(String name, String content) {
        List<RuleFile> files = new ArrayList<>();
        for (RuleFile f : new RuleDirectory(RuleSets.DEFAULT_DIR).load()) {
            files.add(f.name().equals(name) ? RuleFile.file(name, content) : f);
        }
        return files;
    }
}
