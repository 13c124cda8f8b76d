package io.commandcenter.ingest.victron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The documented environment variable names bind, with the defaults for everything else. */
class VictronPropertiesTests {

    @Test
    void bindsEnvironmentVariablesWithUnderscoresForDashes() {
        var environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "COMMANDCENTER_VICTRON_BASE_URL", "http://vrm.test",
                "COMMANDCENTER_VICTRON_ACCESS_TOKEN", "t0k3n",
                "COMMANDCENTER_VICTRON_BATTERY_INSTANCE", "279",
                "COMMANDCENTER_VICTRON_CALL_MAX_ATTEMPTS", "5")));
        ConfigurationPropertySources.attach(environment);

        var properties = Binder.get(environment).bindOrCreate("commandcenter.victron", VictronProperties.class);

        assertThat(properties.baseUrl()).hasToString("http://vrm.test");
        assertThat(properties.accessToken()).isEqualTo("t0k3n");
        assertThat(properties.batteryInstance()).isEqualTo(279);
        assertThat(properties.call().maxAttempts()).isEqualTo(5);
        assertThat(properties.call().readTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.pollInterval()).as("unset: 3 min, or 3 s on the simulator").isNull();
        assertThat(properties.hasCredentials()).isTrue();
    }

    @Test
    void warnsThatThePasswordLoginIsDeprecatedOnlyWhenItIsUsed() {
        var password = new VictronProperties(null, null, "owner@example.com", "secret", null, null, null, null, 3, null,
                null);
        var token = new VictronProperties(null, "t0k3n", "owner@example.com", "secret", null, null, null, null, 3, null,
                null);

        assertThat(password.passwordLoginWarning()).contains("deprecated").contains("1 June 2026")
                .contains("COMMANDCENTER_VICTRON_ACCESS_TOKEN");
        assertThat(token.passwordLoginWarning()).isNull();
    }

    @Test
    void leavesTheBatteryInstanceEmptySoThatItIsDiscovered() {
        var environment = new StandardEnvironment();
        var properties = Binder.get(environment).bindOrCreate("commandcenter.victron", VictronProperties.class);

        assertThat(properties.batteryInstance()).isNull();
    }
}
