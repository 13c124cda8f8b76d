package io.commandcenter.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SimulatorWantedTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(SimulatorConfiguration.class)
            .withPropertyValues("commandcenter.simulator.speed=0");

    @ParameterizedTest
    @CsvSource(nullValues = "none", textBlock = """
            none                                       | true
            commandcenter.simulator.enabled=false      | false
            commandcenter.victron.access-token=abc     | false
            commandcenter.victron.username=me          | false
            commandcenter.shelly.auth-key=k            | false
            commandcenter.solark.username=me           | false
            commandcenter.shelly.auth-key=             | true
            """, delimiter = '|')
    void runsOnlyWhenEnabledOrNoRealAccountIsConfigured(String property, boolean expected) {
        ApplicationContextRunner runner = property == null ? context : context.withPropertyValues(property);
        runner.run(ctx -> assertThat(ctx.getBeansOfType(EmbeddedSimulator.class)).hasSize(expected ? 1 : 0));
    }

    @ParameterizedTest
    @CsvSource({"commandcenter.victron.access-token=abc", "commandcenter.shelly.auth-key=k"})
    void runsWhenEnabledEvenWithRealAccounts(String property) {
        context.withPropertyValues(property, "commandcenter.simulator.enabled=true")
                .run(ctx -> assertThat(ctx.getBean(EmbeddedSimulator.class).simulator().scenario().name())
                        .isEqualTo("summer-week"));
    }
}
