package io.commandcenter.engine;

import static io.commandcenter.engine.Rules.battery;
import static io.commandcenter.engine.Rules.device;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.RuleSetBuilder.Origin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * The cache reuses a build only of the very same inputs, and never keeps a start from building: a new cache
 * object on the same folder stands for the next start of the server (its memory is empty, its disk is not).
 */
class RuleSetCacheTests {

    @TempDir
    static Path shared;
    private static List<RuleFile> production;
    private static RuleSetBuilder.Result first;

    @BeforeAll
    static void compileOnce() {
        production = Rules.productionFilesPlus();
        first = new RuleSetBuilder(new RuleSetCache(shared)).build(production);
        assertThat(first.origin()).isEqualTo(Origin.COMPILED);
    }

    @Test
    void aSecondStartLoadsTheSameRulesFromDiskAndTheyDecide() {
        RuleSetBuilder.Result again = new RuleSetBuilder(new RuleSetCache(shared)).build(production);

        assertThat(again.ok()).isTrue();
        assertThat(again.origin()).isEqualTo(Origin.DISK);
        assertThat(ruleNames(again.ruleSet().kieBase())).isEqualTo(ruleNames(first.ruleSet().kieBase()))
                .hasSizeGreaterThan(20);
        assertThat(again.ruleSet().queries()).isEqualTo(first.ruleSet().queries());
        assertThat(again.ruleSet().contentHash()).isEqualTo(first.ruleSet().contentHash());
        assertThat(again.ruleSet().buildTime()).isLessThan(first.ruleSet().buildTime());
        try (EngineSession s = Rules.session(again.ruleSet(), Rules.defaults())) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 45);
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
                assertThat(d.firedRules()).contains("Battery below the pause threshold: pause running miners");
            });
        }
    }

    @Test
    void theSameCacheAnswersARepeatFromMemory() {
        RuleSetCache cache = new RuleSetCache(shared);
        RuleSetBuilder builder = new RuleSetBuilder(cache);
        RuleSetBuilder.Result loaded = builder.build(production);
        RuleSetBuilder.Result repeat = builder.build(production);

        assertThat(repeat.origin()).isEqualTo(Origin.MEMORY);
        assertThat(repeat.ruleSet().kieBase()).isSameAs(loaded.ruleSet().kieBase());
    }

    @Test
    void aChangedRuleMissesTheCacheAndIsCompiled(@TempDir Path dir) throws IOException {
        RuleSetCache cache = new RuleSetCache(dir);
        new RuleSetBuilder(cache).build(production);
        List<RuleFile> changed = new ArrayList<>(production);
        changed.replaceAll(f -> !f.name().equals("miners.drl") ? f : RuleFile.file("miners.drl",
                f.content().replace("Battery below the pause threshold: pause running miners",
                        "Battery low: pause running miners")));

        RuleSetBuilder.Result built = new RuleSetBuilder(cache).build(changed);

        assertThat(built.origin()).isEqualTo(Origin.COMPILED);
        assertThat(ruleNames(built.ruleSet().kieBase())).contains("Battery low: pause running miners")
                .doesNotContain("Battery below the pause threshold: pause running miners");
        try (var entries = Files.list(dir)) {
            assertThat(entries.filter(p -> p.toString().endsWith(".kjar"))).hasSize(2);
        }
    }

    @Test
    void aDamagedEntryIsCompiledAgainAndReplaced(@TempDir Path dir) throws IOException {
        RuleSetBuilder.Result compiled = new RuleSetBuilder(new RuleSetCache(dir)).build(production);
        Path entry = entry(dir);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(entry, bytes);

        RuleSetBuilder.Result next = new RuleSetBuilder(new RuleSetCache(dir)).build(production);

        assertThat(next.ok()).isTrue();
        assertThat(next.origin()).isEqualTo(Origin.COMPILED);
        assertThat(ruleNames(next.ruleSet().kieBase())).isEqualTo(ruleNames(compiled.ruleSet().kieBase()));
        assertThat(new RuleSetBuilder(new RuleSetCache(dir)).build(production).origin())
                .as("the damaged entry was replaced").isEqualTo(Origin.DISK);
    }

    @Test
    void anEntryThatIsNoModuleIsCompiledAgain(@TempDir Path dir) throws IOException {
        new RuleSetBuilder(new RuleSetCache(dir)).build(production);
        Path entry = entry(dir);
        // Intact framing around bytes that are not a kjar: the checksum passes, loading fails.
        Files.write(entry, RuleSetCache.encode(new RuleSetCache.Stored("not a jar".getBytes(), List.of())));

        RuleSetBuilder.Result next = new RuleSetBuilder(new RuleSetCache(dir)).build(production);

        assertThat(next.ok()).isTrue();
        assertThat(next.origin()).isEqualTo(Origin.COMPILED);
    }

    @Test
    void anUnwritableFolderOnlyCostsTheCache(@TempDir Path dir) throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("file"), "in the way");

        RuleSetBuilder.Result built = new RuleSetBuilder(new RuleSetCache(notAFolder)).build(production);

        assertThat(built.ok()).isTrue();
        assertThat(built.origin()).isEqualTo(Origin.COMPILED);
    }

    @Test
    void theGuardStillRefusesWhatItRefusedWhenTheRulesAreCached() {
        RuleFile forbidden = RuleFile.file("exit.drl", """
                package rules;

                rule "Stop the server"
                when
                then
                    System.exit(1);
                end
                """);
        RuleSetBuilder.Result refused = new RuleSetBuilder(new RuleSetCache(shared))
                .build(Rules.productionFilesPlus(forbidden));

        assertThat(refused.ok()).isFalse();
        assertThat(refused.errors()).anySatisfy(p -> assertThat(p.file()).isEqualTo("exit.drl"));
    }

    private static Path entry(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.filter(p -> p.toString().endsWith(".kjar")).findFirst().orElseThrow();
        }
    }

    private static Set<String> ruleNames(KieBase kieBase) {
        return kieBase.getKiePackages().stream().map(KiePackage::getRules).flatMap(java.util.Collection::stream)
                .map(Rule::getName).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
}
