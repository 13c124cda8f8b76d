package io.commandcenter.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.commandcenter.validation.InvalidParam;
import io.commandcenter.validation.InvalidParams;
import io.commandcenter.validation.InvalidRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;

/** Where a flag's state comes from, without Spring or a database: environment, module default, admin override. */
class FeatureFlagsTests {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    /** The properties as Spring Boot binds them: the environment above application.properties. */
    private static FeatureProperties bind(Map<String, Object> environment) throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        env.getPropertySources().addLast(new ResourcePropertySource("classpath:application.properties"));
        return Binder.get(env).bindOrCreate("commandcenter.features", FeatureProperties.class);
    }

    @Test
    void shipsWithEveryFlagOnButLearningAndLeavesHardwareControlToControl() throws IOException {
        FeatureProperties shipped = bind(Map.of());

        for (Feature f : List.of(Feature.VICTRON_POLLING, Feature.SHELLY_POLLING, Feature.SOLARK_POLLING,
                Feature.AUTOMATION, Feature.AGENTS)) {
            assertThat(shipped.of(f)).as(f.name()).isTrue();
        }
        assertThat(shipped.of(Feature.LEARNING)).isFalse();
        assertThat(shipped.of(Feature.HARDWARE_CONTROL)).isNull();
    }

    @Test
    void anEnvironmentVariableSwitchesAFlagOffOverApplicationProperties() throws IOException {
        FeatureProperties env = bind(Map.of("COMMANDCENTER_FEATURES_VICTRON_POLLING", "false",
                "COMMANDCENTER_FEATURES_AUTOMATION", "false", "COMMANDCENTER_FEATURES_HARDWARE_CONTROL", "true"));

        assertThat(env.of(Feature.VICTRON_POLLING)).isFalse();
        assertThat(env.of(Feature.AUTOMATION)).isFalse();
        assertThat(env.of(Feature.HARDWARE_CONTROL)).isTrue();
        assertThat(env.of(Feature.SHELLY_POLLING)).isTrue();
    }

    @Test
    void namesItsPropertyAndEnvironmentVariable() {
        assertThat(Feature.VICTRON_POLLING.property()).isEqualTo("commandcenter.features.victron-polling");
        assertThat(Feature.VICTRON_POLLING.environmentVariable()).isEqualTo("COMMANDCENTER_FEATURES_VICTRON_POLLING");
        assertThat(Feature.parse("victron-polling")).contains(Feature.VICTRON_POLLING);
        assertThat(Feature.parse(" automation ")).contains(Feature.AUTOMATION);
        assertThat(Feature.parse("TURBO")).isEmpty();
        assertThat(Feature.parse(null)).isEmpty();
    }

    @Test
    void theModuleDecidesADefaultTheConfigurationLeavesOpenAndTheConfigurationWinsWhenSet() throws IOException {
        FeatureDefault simulator = new FeatureDefault(Feature.HARDWARE_CONTROL, true, "on with the simulator");

        FeatureState fromControl = flags(bind(Map.of()), List.of(simulator)).state(Feature.HARDWARE_CONTROL);
        assertThat(fromControl.enabled()).isTrue();
        assertThat(fromControl.source()).isEqualTo("environment default (on with the simulator)");

        FeatureState configured = flags(bind(Map.of("COMMANDCENTER_FEATURES_HARDWARE_CONTROL", "false")),
                List.of(simulator)).state(Feature.HARDWARE_CONTROL);
        assertThat(configured.enabled()).isFalse();
        assertThat(configured.defaultFrom()).contains("COMMANDCENTER_FEATURES_HARDWARE_CONTROL");

        assertThat(flags(bind(Map.of()), List.of()).isEnabled(Feature.HARDWARE_CONTROL))
                .as("nobody set it: off").isFalse();
    }

    @Test
    void anAdminOverrideWinsUntilItIsClearedAndEveryChangeIsAudited() throws IOException {
        Stored stored = new Stored();
        List<Object> published = new ArrayList<>();
        FeatureFlags flags = new FeatureFlags(stored, bind(Map.of()), List.of(), Clock.fixed(NOW, ZoneOffset.UTC),
                published::add, new NoTransactions());

        FeatureState off = flags.override(Feature.AUTOMATION, false, "alice", " storm tonight ");
        assertThat(off.enabled()).isFalse();
        assertThat(off.defaultEnabled()).isTrue();
        assertThat(off.source()).isEqualTo("admin override by alice");
        assertThat(off.override()).isEqualTo(new FeatureOverride(false, "alice", NOW, "storm tonight"));
        assertThat(flags.isEnabled(Feature.AUTOMATION)).isFalse();

        FeatureState back = flags.reset(Feature.AUTOMATION, "bob", "storm over");
        assertThat(back.enabled()).isTrue();
        assertThat(back.overridden()).isFalse();

        assertThat(stored.changes).containsExactly(
                new FeatureChange(1, Feature.AUTOMATION, false, true, false, "alice", NOW, "storm tonight"),
                new FeatureChange(2, Feature.AUTOMATION, null, false, true, "bob", NOW, "storm over"));
        assertThat(published).containsExactly(
                new FeatureToggled(Feature.AUTOMATION, false, true, true, "alice", "storm tonight", NOW),
                new FeatureToggled(Feature.AUTOMATION, true, false, false, "bob", "storm over", NOW));
    }

    @Test
    void aChangeWithoutAReasonIsRefusedOnTheReasonField() throws IOException {
        FeatureFlags flags = flags(bind(Map.of()), List.of());

        for (String reason : new String[] {null, "  ", "x".repeat(501), "bell\u0007"}) {
            assertThatThrownBy(() -> flags.override(Feature.AGENTS, false, "alice", reason))
                    .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(
                            (List<?>) e.property(InvalidParams.PROPERTY)).singleElement()
                            .extracting(p -> ((InvalidParam) p).field()).isEqualTo("reason"));
        }
        assertThat(flags.isEnabled(Feature.AGENTS)).isTrue();
    }

    private static FeatureFlags flags(FeatureProperties properties, List<FeatureDefault> defaults) {
        return new FeatureFlags(new Stored(), properties, defaults, Clock.fixed(NOW, ZoneOffset.UTC), e -> { },
                new NoTransactions());
    }

    /** The repository's contract in memory. */
    static final class Stored extends FeatureRepository {
        final Map<Feature, FeatureOverride> overrides = new EnumMap<>(Feature.class);
        final List<FeatureChange> changes = new ArrayList<>();

        Stored() {
            super(null);
        }

        @Override
        Map<Feature, FeatureOverride> overrides() {
            return new EnumMap<>(overrides);
        }

        @Override
        void saveOverride(Feature feature, FeatureOverride o) {
            overrides.put(feature, o);
        }

        @Override
        void deleteOverride(Feature feature) {
            overrides.remove(feature);
        }

        @Override
        void recordChange(Feature feature, Boolean override, boolean wasEnabled, boolean enabled, String by,
                          Instant at, String reason) {
            changes.add(new FeatureChange(changes.size() + 1, feature, override, wasEnabled, enabled, by, at, reason));
        }
    }

    static final class NoTransactions implements PlatformTransactionManager {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
        }

        @Override
        public void rollback(TransactionStatus status) {
        }
    }
}
