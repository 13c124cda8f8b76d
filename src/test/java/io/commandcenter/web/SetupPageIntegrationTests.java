package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.commandcenter.IntegrationTest;
import io.commandcenter.SimulatedDevices;
import io.commandcenter.TestUsers;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.ingest.PollSource;
import io.commandcenter.ingest.internal.PollRunner;
import io.commandcenter.ingest.internal.SourcePoller;
import io.commandcenter.ingest.shelly.ShellyCloudClient;
import io.commandcenter.simulation.EmbeddedSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The setup page over HTTP, with the simulator's clouds standing in for real accounts: saving one moves polling and
 * switching to it at once, the secret is stored sealed and never shown back, bad fields are named and nothing is
 * kept, pasted devices are registered all or none. Admins only.
 */
@IntegrationTest
// Saving an account reconnects the live pollers and the Shelly client: an application of its own.
@TestPropertySource(properties = "commandcenter.test.context=setup-page")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SetupPageIntegrationTests {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired EmbeddedSimulator simulator;
    @Autowired UserAccounts accounts;
    @Autowired List<SourcePoller> pollers;
    @Autowired PollRunner runner;
    @Autowired ShellyCloudClient shelly;
    @Autowired DeviceRegistry registry;

    RestClient admin;

    @BeforeEach
    void noSavedAccounts() {
        admin = TestUsers.admin(port).build();
        forgetAll();
    }

    @AfterEach
    void leaveNoAccountBehind() {
        // A saved account would be connected by every application started after this one.
        forgetAll();
    }

    void forgetAll() {
        for (String cloud : List.of("victron", "shelly", "solark")) {
            post("/setup/accounts/" + cloud + "/forget", new LinkedMultiValueMap<>());
        }
        assertThat(jdbc.sql("SELECT count(*) FROM system.cloud_accounts").query(Long.class).single()).isZero();
    }

    String post(String path, MultiValueMap<String, String> form) {
        return admin.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .retrieve().body(String.class);
    }

    static MultiValueMap<String, String> form(String... pairs) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.add(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    static int status(RestClient.RequestHeadersSpec<?> request) {
        Integer status = request.exchange((req, res) -> res.getStatusCode().value());
        return status;
    }

    SourcePoller poller(PollSource source) {
        return pollers.stream().filter(p -> p.source() == source).findFirst().orElseThrow();
    }

    String shellyServer() {
        return simulator.baseUri() + "/shelly";
    }

    @Test
    void onlyAdminsReachTheSetupPage() {
        TestUsers.ensure(accounts, "otto", Role.OPERATOR);
        TestUsers.ensure(accounts, "vera", Role.VIEWER);
        for (String user : List.of("otto", "vera")) {
            var client = TestUsers.as(port, user).build();
            assertThat(status(client.get().uri("/setup")))
                    .as(user + " reads /setup").isEqualTo(403);
            assertThat(status(client.post().uri("/setup/accounts/shelly").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form("action", "save", "server", shellyServer(), "secret", "x"))))
                    .as(user + " saves an account").isEqualTo(403);
            assertThat(status(client.post().uri("/setup/devices/import").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form("devicesCsv", "abc123,pump-9,PUMP,500,no"))))
                    .as(user + " registers devices").isEqualTo(403);
        }
        assertThat(registry.findByName("pump-9")).isEmpty();
        String page = admin.get().uri("/setup").retrieve().body(String.class);
        assertThat(page).contains("Battery monitor: Victron VRM").contains("Inverter: SolArk Cloud")
                .contains("Relays: Shelly Cloud").contains("Test connection").contains("simulator");
    }

    @Test
    void aSavedShellyAccountIsPolledAndSwitchedAtOnceAndItsKeyIsNeverShownOrStoredInTheClear() {
        SimulatedDevices.register(jdbc, simulator);
        String key = simulator.credentials().shellyAuthKey();

        String tested = post("/setup/accounts/shelly", form("action", "test", "server", shellyServer(), "secret", key,
                "api", "v2"));
        assertThat(tested).contains("The account answered").contains("relay ");
        assertThat(poller(PollSource.SHELLY).origin()).as("a test changes nothing").isEqualTo("simulator");

        String saved = post("/setup/accounts/shelly", form("action", "save", "server", shellyServer(), "secret", key,
                "api", "v2"));
        assertThat(saved).contains("Saved. Polling uses this account").contains("saved account").doesNotContain(key);
        assertThat(poller(PollSource.SHELLY).origin()).isEqualTo("Shelly Cloud " + shellyServer() + " (API V2)");
        byte[] stored = jdbc.sql("SELECT secret FROM system.cloud_accounts WHERE source = 'shelly'").query(byte[].class)
                .single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(key);
        assertThat(runner.run(poller(PollSource.SHELLY)).succeeded()).isTrue();
        assertThat(shelly.configured()).isTrue();
        assertThat(shelly.status(simulator.simulator().scenario().devices().get(0).cloudId()).online())
                .as("the client control switches with follows the saved account").isTrue();
        assertThat(admin.get().uri("/setup").retrieve().body(String.class)).doesNotContain(key)
                .contains("saved: leave empty to keep");

        // Changing a field without typing the key again keeps the saved key.
        String resaved = post("/setup/accounts/shelly", form("action", "save", "server", shellyServer(), "secret", "",
                "api", "v1"));
        assertThat(resaved).contains("Saved.");
        assertThat(poller(PollSource.SHELLY).origin()).endsWith("(API V1)");
        assertThat(runner.run(poller(PollSource.SHELLY)).succeeded()).isTrue();

        post("/setup/accounts/shelly/forget", new LinkedMultiValueMap<>());
        assertThat(poller(PollSource.SHELLY).origin()).as("back to the simulator").isEqualTo("simulator");
    }

    @Test
    void anAccountTheCloudRefusesIsNotSavedAndTheLiveOneKeepsRunning() {
        String page = post("/setup/accounts/shelly", form("action", "save", "server", shellyServer(),
                "secret", "not-the-key"));
        assertThat(page).contains("Not saved").contains("auth_key");
        assertThat(jdbc.sql("SELECT count(*) FROM system.cloud_accounts").query(Long.class).single()).isZero();
        assertThat(poller(PollSource.SHELLY).origin()).isEqualTo("simulator");

        String vrm = post("/setup/accounts/victron", form("action", "save", "server", simulator.baseUri() + "/vrm",
                "secret", "wrong-token"));
        assertThat(vrm).contains("Not saved");
        assertThat(poller(PollSource.VICTRON).origin()).isEqualTo("simulator");
    }

    @Test
    void badFieldsAreNamedAndNothingIsTestedOrSaved() {
        String page = post("/setup/accounts/shelly", form("action", "save", "server", "ftp://example.org",
                "secret", ""));
        assertThat(page).contains("server: must be an http(s) address").contains("secret: is required");
        String vrm = post("/setup/accounts/victron", form("action", "save", "secret", "t", "siteId", "twelve",
                "batteryInstance", "-1"));
        assertThat(vrm).contains("siteId: &#39;twelve&#39; is not a whole number");
        String solark = post("/setup/accounts/solark", form("action", "save", "secret", "pw", "siteId", "0"));
        assertThat(solark).contains("username: is required").contains("siteId: must be a positive number");
        assertThat(jdbc.sql("SELECT count(*) FROM system.cloud_accounts").query(Long.class).single()).isZero();
        assertThat(status(admin.post().uri("/setup/accounts/nope").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form("action", "test"))))
                .isEqualTo(404);
    }

    @Test
    void savedVrmAndSolArkAccountsTakeOverPolling() {
        var credentials = simulator.credentials();
        String vrm = post("/setup/accounts/victron", form("action", "save", "server", simulator.baseUri() + "/vrm",
                "secret", credentials.vrmAccessToken(), "siteId", Long.toString(credentials.vrmSiteId())));
        assertThat(vrm).contains("Saved.").contains("installation " + credentials.vrmSiteId());
        assertThat(poller(PollSource.VICTRON).origin()).isEqualTo("VRM " + simulator.baseUri() + "/vrm");
        assertThat(poller(PollSource.VICTRON).interval()).as("a real account polls at the real interval")
                .hasMinutes(3);

        String solark = post("/setup/accounts/solark", form("action", "save", "server", simulator.baseUri() + "/solark",
                "username", credentials.solarkUsername(), "secret", credentials.solarkPassword()));
        assertThat(solark).contains("Saved.").contains("plant ").doesNotContain(credentials.solarkPassword());
        assertThat(poller(PollSource.SOLARK).origin()).isEqualTo("SolArk " + simulator.baseUri() + "/solark");
        assertThat(runner.run(poller(PollSource.SOLARK)).succeeded()).isTrue();
    }

    @Test
    void pastedDevicesAreRegisteredAllOrNoneWithEachBadLineNamed() {
        jdbc.sql("DELETE FROM shelly.devices WHERE cloud_id IN ('aa0001', 'aa0002', 'aa0003')").update();
        String bad = post("/setup/devices/import", form("devicesCsv", """
                id,name,type,rated watts,essential
                aa0001,barn-pump,PUMP,750,yes
                aa0002,miner-x,MINER,-5,no
                """));
        assertThat(bad).contains("nothing was imported").contains("line 3 (miner-x): rated watts");
        assertThat(registry.findByName("barn-pump")).as("all or none").isEmpty();

        String unreadable = post("/setup/devices/import", form("devicesCsv", "aa0001,barn-pump,PUMP,lots,maybe"));
        assertThat(unreadable).contains("line 1 rated watts: &#39;lots&#39; is not a number of watts")
                .contains("line 1 essential: &#39;maybe&#39; is not yes or no");

        String openQuote = post("/setup/devices/import", form("devicesCsv", "aa0001,\"barn-pump,PUMP"));
        assertThat(openQuote).contains("cannot be read as CSV");

        String good = post("/setup/devices/import", form("devicesCsv", """
                aa0001,barn-pump,PUMP,750,yes
                aa0002,miner-x,MINER,3250 W,no
                aa0003
                """));
        assertThat(good).contains("Registered 3 devices");
        var pump = registry.findByName("barn-pump").orElseThrow();
        assertThat(pump.essential()).isTrue();
        assertThat(pump.ratedPower()).isEqualTo(750);
        assertThat(registry.findByName("miner-x").orElseThrow().ratedPower()).isEqualTo(3250);
        assertThat(registry.findByCloudId("aa0003", 0)).as("an id alone is enough").isPresent();

        String rated = post("/setup/devices/miner-x", form("type", "MINER", "ratedPower", "3400"));
        assertThat(rated).contains("Saved miner-x.");
        assertThat(registry.findByName("miner-x").orElseThrow().ratedPower()).isEqualTo(3400);
        String negative = post("/setup/devices/miner-x", form("type", "MINER", "ratedPower", "-1"));
        assertThat(negative).contains("miner-x was not saved").contains("ratedPower");
        assertThat(registry.findByName("miner-x").orElseThrow().ratedPower()).isEqualTo(3400);
        jdbc.sql("DELETE FROM shelly.devices WHERE cloud_id IN ('aa0001', 'aa0002', 'aa0003')").update();
    }

    @Test
    void findDevicesRegistersTheRelaysOfTheConnectedAccount() {
        jdbc.sql("DELETE FROM shelly.devices").update();
        String page = post("/setup/devices/discover", new LinkedMultiValueMap<>());
        int relays = simulator.simulator().scenario().devices().size();
        assertThat(page).contains("Found " + relays + " relays in the Shelly account");
        assertThat(registry.findAll()).hasSize(relays);
    }
}
