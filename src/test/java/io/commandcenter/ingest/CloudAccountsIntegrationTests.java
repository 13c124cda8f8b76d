package io.commandcenter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.commandcenter.ingest.internal.AccountConnector;
import io.commandcenter.ingest.internal.AccountRepository;
import io.commandcenter.ingest.internal.SourcePoller;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.validation.Rejected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A saved account survives a restart (connected again before polling starts), and a secret that no longer opens
 * (another key, a damaged row) leaves the cloud unpolled and says why, instead of falling back to the simulator.
 */
@IngestTest
@TestPropertySource(properties = "commandcenter.test.context=cloud-accounts")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CloudAccountsIntegrationTests {

    @Autowired CloudAccounts accounts;
    @Autowired List<AccountConnector> connectors;
    @Autowired AccountRepository repository;
    @Autowired PollingHealth health;
    @Autowired MutableClock clock;
    @Autowired EmbeddedSimulator simulator;
    @Autowired List<SourcePoller> pollers;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void forget() {
        jdbc.sql("DELETE FROM system.cloud_accounts").update();
        connectors.forEach(c -> c.disconnect(null));
    }

    String origin(PollSource source) {
        return pollers.stream().filter(p -> p.source() == source).findFirst().orElseThrow().origin();
    }

    /** What a start does: every cloud without an account, then the saved ones connected. */
    void restart() {
        connectors.forEach(c -> c.disconnect(null));
        assertThat(origin(PollSource.SHELLY)).isEqualTo("simulator");
        new CloudAccounts(connectors, repository, health, clock);
    }

    CloudAccount shelly() {
        return new CloudAccount(PollSource.SHELLY, simulator.baseUri() + "/shelly", null,
                simulator.credentials().shellyAuthKey(), null, null, "v2");
    }

    @Test
    void aSavedAccountIsConnectedAgainAtStart() {
        assertThat(accounts.save(shelly(), "admin").saved()).isTrue();

        restart();

        assertThat(origin(PollSource.SHELLY)).isEqualTo("Shelly Cloud " + simulator.baseUri() + "/shelly (API V2)");
        AccountSetup setup = accounts.accounts().stream().filter(a -> a.source() == PollSource.SHELLY).findFirst()
                .orElseThrow();
        assertThat(setup.from()).isEqualTo(AccountSetup.From.SAVED);
        assertThat(setup.savedBy()).isEqualTo("admin");
        assertThat(setup.saved().secret()).as("never handed out").isNull();
    }

    @Test
    void aSecretThatNoLongerOpensLeavesTheCloudUnpolledAndSaysWhy() {
        accounts.save(shelly(), "admin");
        jdbc.sql("UPDATE system.cloud_accounts SET secret = decode('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0011', 'hex')")
                .update();

        restart();

        assertThat(origin(PollSource.SHELLY)).startsWith("saved account cannot be used: ")
                .contains("does not open with this key");
        assertThat(pollers.stream().filter(p -> p.source() == PollSource.SHELLY).findFirst().orElseThrow().enabled())
                .isFalse();
    }

    @Test
    void anAccountNeedsItsSecretAndAProperServer() {
        assertThatThrownBy(() -> accounts.test(new CloudAccount(PollSource.SHELLY, "shelly.cloud", null, null, null,
                null, "v3")))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.status().value()).isEqualTo(400))
                .hasMessageContaining("invalid fields");
        assertThat(repository.find(PollSource.SHELLY)).isEmpty();
    }
}
