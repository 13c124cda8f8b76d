package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;

class RuleSetBuilderTests {

    private static final String TWIN = """
            package rules;

            import io.commandcenter.engine.facts.*;

            rule "Battery low: say so"
            when
                BatteryLevel(soc < 20)
            then
            end
            """;

    @Test
    void refusesTwoRulesWithOneName() {
        RuleSetBuilder.Result result = new RuleSetBuilder().build(List.of(
                RuleFile.file("a.drl", TWIN), RuleFile.file("b.drl", TWIN.replace("soc < 20", "soc < 10"))));

        RuleSetBuilder.Result oneFile = new RuleSetBuilder().build(List.of(
                RuleFile.file("a.drl", TWIN + TWIN.substring(TWIN.indexOf("rule ")))));

        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("b.drl");
            assertThat(p.message()).contains("Battery low: say so");
        });
        assertThat(oneFile.ok()).isFalse();
        assertThat(oneFile.errors()).anySatisfy(p -> assertThat(p.message()).contains("Battery low: say so"));
    }

    @Test
    void leavesNoSystemPropertyBehind() {
        new RuleSetBuilder().build(List.of(RuleFile.file("a.drl", TWIN)));

        assertThat(System.getProperties().stringPropertyNames())
                .noneMatch(name -> name.startsWith("drools.") || name.startsWith("kie."));
    }

    @Test
    void aRebuildLetsTheOldKieBaseGo() throws InterruptedException {
        RuleSetBuilder builder = new RuleSetBuilder();
        WeakReference<KieBase> old = new WeakReference<>(built(builder, TWIN).kieBase());
        built(builder, TWIN);

        assertThat(collected(old)).as("nothing holds the first build's KieBase").isTrue();
    }

    @Test
    void theCacheKeepsOnlyTheLastFewKieBases(@TempDir Path dir) throws InterruptedException {
        RuleSetBuilder builder = new RuleSetBuilder(new RuleSetCache(dir));
        WeakReference<KieBase> first = new WeakReference<>(built(builder, TWIN).kieBase());
        for (int i = 1; i <= 4; i++) {
            built(builder, TWIN.replace("soc < 20", "soc < " + (20 + i)));
        }

        assertThat(collected(first)).as("four newer builds pushed the first out of memory").isTrue();
    }

    private static RuleSet built(RuleSetBuilder builder, String drl) {
        RuleSetBuilder.Result result = builder.build(List.of(RuleFile.file("a.drl", drl)));
        assertThat(result.errors()).isEmpty();
        return result.ruleSet();
    }

    private static boolean collected(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return ref.get() == null;
    }
}
