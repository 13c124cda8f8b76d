package io.commandcenter.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.commandcenter.sitemodel.Faults;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.sitemodel.SiteState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class SiteSimulatorTests {

    static final SimulatorCredentials CREDS = SimulatorCredentials.DEFAULT;

    SiteSimulator simulator;
    SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = SiteSimulator.manual(Scenario.resolve("summer-week.yaml")).start(0);
        simulator.faults().clear();
        client = new SimulatorClient(simulator.baseUri());
    }

    @AfterEach
    void stop() {
        simulator.stop();
    }

    // --- VRM ---

    @Test
    void vrmLogsInWithPasswordAndAnswersTheUserAndInstallations() {
        String token = vrmLogin();
        JsonNode me = client.get("/vrm/v2/users/me", "X-Authorization", "Bearer " + token).json();
        assertThat(me.path("user").path("id").asLong()).isEqualTo(CREDS.vrmUserId());

        JsonNode installations = client.get("/vrm/v2/users/" + CREDS.vrmUserId() + "/installations",
                "X-Authorization", "Bearer " + token).json();
        assertThat(installations.path("success").asBoolean()).isTrue();
        JsonNode site = installations.path("records").get(0);
        assertThat(site.path("idSite").asLong()).isEqualTo(CREDS.vrmSiteId());
        assertThat(site.path("timezone").asString()).isEqualTo("America/Denver");
        assertThat(site.path("pvMax").asLong()).isEqualTo(14000);
        assertThat(site.path("name").asString()).isEqualTo("summer-week");
        assertThat(site.path("identifier").asString()).isNotBlank();
    }

    @Test
    void vrmRefusesBadCredentialsAndMissingTokens() {
        SimulatorClient.Answer login = client.postJson("/vrm/v2/auth/login", "{\"username\":\"owner@example.com\",\"password\":\"wrong\"}");
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.json().path("success").asBoolean(true)).isFalse();
        assertThat(login.json().has("errors")).isTrue();

        assertThat(client.get("/vrm/v2/users/me").status()).isEqualTo(401);
        assertThat(client.get("/vrm/v2/users/me", "X-Authorization", "Bearer made-up").status()).isEqualTo(401);
        assertThat(client.get("/vrm/v2/users/me", "X-Authorization", "Token wrong").status()).isEqualTo(401);
    }

    @Test
    void vrmBatterySummaryMatchesTheModel() {
        simulator.clock().advance(Duration.ofHours(14).plusSeconds(41));
        JsonNode data = batterySummary(CREDS.vrmBatteryInstance()).path("records").path("data");
        SiteState state = simulator.state();

        assertThat(data.path("51").path("code").asString()).isEqualTo("SOC");
        assertThat(data.path("51").path("idDataAttribute").asInt()).isEqualTo(51);
        assertThat(data.path("51").path("valueFloat").asDouble()).isCloseTo(state.socPercent(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(Double.parseDouble(data.path("51").path("value").asString())).isCloseTo(state.socPercent(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(data.path("51").path("formattedValue").asString()).endsWith(" %");
        assertThat(data.path("47").path("valueFloat").asDouble()).isBetween(44.0, 53.0);
        assertThat(data.path("49").path("valueFloat").asDouble()).isCloseTo(state.batteryCurrentA(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(Double.parseDouble(data.path("115").path("value").asString())).isBetween(15.0, 40.0);
        assertThat(data.path("51").path("secondsAgo").asLong()).isEqualTo(41);
        assertThat(data.path("hasOldData").asBoolean(true)).isFalse();
    }

    @Test
    void vrmBatterySummarySendsNumbersAsStringsAsTheRealApiDoes() {
        simulator.clock().advance(Duration.ofHours(14).plusSeconds(41));
        JsonNode data = batterySummary(CREDS.vrmBatteryInstance()).path("records").path("data");

        assertThat(data.path("51").path("value").isString()).isTrue();
        assertThat(data.path("51").path("valueFloat").isString()).isTrue();
        assertThat(data.path("51").path("secondsAgo").asString()).isEqualTo("41");
        assertThat(data.path("115").path("valueFloat").isNull()).as("temperature without valueFloat").isTrue();
        assertThat(data.path("52").path("code").asString()).as("an attribute parsers do not use").isEqualTo("TTG");
        assertThat(data.path("secondsAgo").path("value").asString()).isEqualTo("41");
    }

    @Test
    void vrmAnswersOnlyOldDataMarkersWhileTheMonitorLogsNothing() {
        simulator.faults().update(f -> f.withQuirks(f.quirks().withVrmNoData(
                List.of(new Faults.Window(Duration.ofHours(10), Duration.ofHours(1))))));
        simulator.clock().advance(Duration.ofHours(10).plusMinutes(30));
        JsonNode data = batterySummary(CREDS.vrmBatteryInstance()).path("records").path("data");

        assertThat(data.has("51")).isFalse();
        assertThat(data.path("hasOldData").asBoolean()).isTrue();
        assertThat(Long.parseLong(data.path("secondsAgo").path("value").asString())).isGreaterThanOrEqualTo(30 * 60);

        simulator.clock().advance(Duration.ofHours(1));
        assertThat(batterySummary(CREDS.vrmBatteryInstance()).path("records").path("data").has("51"))
                .as("data again after the window").isTrue();
    }

    @Test
    void vrmDiagnosticsListTheBatteryMonitorAmongOtherDevices() {
        JsonNode records = client.get("/vrm/v2/installations/" + CREDS.vrmSiteId() + "/diagnostics",
                "X-Authorization", "Token " + CREDS.vrmAccessToken()).json().path("records");

        assertThat(records.findValuesAsString("Device")).contains("Solar Charger", "Battery Monitor");
        for (JsonNode record : records) {
            if (record.path("Device").asString().equals("Battery Monitor")) {
                assertThat(record.path("instance").asInt()).isEqualTo(CREDS.vrmBatteryInstance());
                assertThat(record.path("dbusServiceType").asString()).isEqualTo("battery");
            }
        }
    }

    @Test
    void vrmBatterySummaryWithTheWrongInstanceHasOnlyOldDataMarkers() {
        JsonNode data = batterySummary(0).path("records").path("data");
        assertThat(data.has("51")).isFalse();
        assertThat(data.path("hasOldData").asBoolean()).isTrue();
        assertThat(data.has("secondsAgo")).isTrue();
    }

    @Test
    void vrmAnswersUnknownSitesWithSuccessFalse() {
        SimulatorClient.Answer answer = client.get("/vrm/v2/installations/999/widgets/BatterySummary?instance=279",
                "X-Authorization", "Token " + CREDS.vrmAccessToken());
        assertThat(answer.json().path("success").asBoolean(true)).isFalse();
        assertThat(answer.json().has("errors")).isTrue();
    }

    @Test
    void vrmStatsAverageTheModelHistoryPerInterval() {
        simulator.clock().advance(Duration.ofHours(6));
        long start = simulator.scenario().start().getEpochSecond();
        JsonNode answer = client.get("/vrm/v2/installations/" + CREDS.vrmSiteId() + "/stats?type=custom&interval=hours"
                        + "&start=" + start + "&end=" + (start + 6 * 3600) + "&attributeCodes%5B%5D=bs",
                "X-Authorization", "Token " + CREDS.vrmAccessToken()).json();
        JsonNode points = answer.path("records").path("bs");
        assertThat(points.size()).isEqualTo(7); // hours 0..5 plus the sample at the end instant
        assertThat(points.get(0).get(0).asLong()).isEqualTo(start * 1000);
        assertThat(points.get(0).get(1).asDouble()).isBetween(50.0, 65.0);
        // off-grid at night with miners on: the battery drains hour by hour
        assertThat(points.get(5).get(1).asDouble()).isLessThan(points.get(0).get(1).asDouble());
    }

    @Test
    void vrmRateLimitAnswers429WithRetryAfter() {
        simulator.faults().update(f -> f.withVrm(Faults.Api.NONE.withRateLimit(new Faults.RateLimit(3, Duration.ofMinutes(1)))));
        String pat = "Token " + CREDS.vrmAccessToken();
        for (int i = 0; i < 3; i++) {
            assertThat(client.get("/vrm/v2/users/me", "X-Authorization", pat).status()).isEqualTo(200);
        }
        SimulatorClient.Answer limited = client.get("/vrm/v2/users/me", "X-Authorization", pat);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.json().path("success").asBoolean(true)).isFalse();
    }

    @Test
    void vrmStaleFaultAnswersOldValuesWithLargeSecondsAgo() {
        simulator.clock().advance(Duration.ofHours(10));
        simulator.faults().update(f -> f.withVrm(Faults.Api.NONE.withStaleData(1, Duration.ofHours(3))));
        JsonNode data = batterySummary(CREDS.vrmBatteryInstance()).path("records").path("data");
        assertThat(data.path("51").path("secondsAgo").asLong()).isGreaterThanOrEqualTo(3 * 3600);
        assertThat(data.path("hasOldData").asBoolean()).isTrue();
        double socThreeHoursAgo = simulator.model().stateAt(simulator.model().now().minus(Duration.ofHours(3))).socPercent();
        assertThat(data.path("51").path("valueFloat").asDouble()).isCloseTo(socThreeHoursAgo, org.assertj.core.data.Offset.offset(0.01));
    }

    // --- Shelly Cloud ---

    @Test
    void shellyStatusShowsTheSwitchOfTheDevice() {
        JsonNode answer = shelly("/shelly/device/status", Map.of("id", "b48a0a1c2d3e")).json();
        assertThat(answer.path("isok").asBoolean()).isTrue();
        assertThat(answer.path("data").path("online").asBoolean()).isTrue();
        JsonNode sw = answer.path("data").path("device_status").path("switch:0");
        assertThat(sw.path("id").asInt()).isZero();
        assertThat(sw.path("output").asBoolean()).isTrue();
        assertThat(sw.path("apower").asDouble()).isBetween(1350.0, 1450.0);
        assertThat(sw.path("voltage").asDouble()).isBetween(230.0, 250.0);
        assertThat(sw.path("current").asDouble()).isBetween(5.0, 6.5);
        assertThat(sw.path("aenergy").path("by_minute").size()).isEqualTo(3);
        assertThat(sw.path("aenergy").has("total")).isTrue();
        assertThat(sw.path("aenergy").has("minute_ts")).isTrue();
        assertThat(sw.path("temperature").has("tC")).isTrue();
        assertThat(answer.path("data").path("device_status").path("_updated").asString()).isEqualTo("2025-06-16 06:00:00");
    }

    @Test
    void shellyRelayControlSwitchesTheModelAndTheNextStatus() {
        JsonNode control = shelly("/shelly/device/relay/control",
                Map.of("id", "b48a0a1c2d3e", "channel", "0", "turn", "off")).json();
        assertThat(control.path("isok").asBoolean()).isTrue();
        assertThat(control.path("data").path("device_id").asString()).isEqualTo("b48a0a1c2d3e");

        assertThat(simulator.state().device("miner-1").orElseThrow().on()).isFalse();
        JsonNode sw = shelly("/shelly/device/status", Map.of("id", "b48a0a1c2d3e")).json()
                .path("data").path("device_status").path("switch:0");
        assertThat(sw.path("output").asBoolean(true)).isFalse();
        assertThat(sw.path("apower").asDouble()).isZero();
    }

    @Test
    void shellyListsAndReportsAllDevices() {
        JsonNode list = shelly("/shelly/interface/device/get_all_lists", Map.of()).json();
        JsonNode miner = list.path("data").path("devices").path("b48a0a1c2d3e");
        assertThat(miner.path("name").asString()).isEqualTo("miner-1");
        assertThat(miner.path("gen").asInt()).isEqualTo(2);
        assertThat(list.path("data").path("devices").size()).isEqualTo(4);

        JsonNode all = shelly("/shelly/device/all_status", Map.of()).json();
        assertThat(all.path("isok").asBoolean()).isTrue();
        assertThat(all.path("data").path("devices_status").path("c8f09e4a5b60").path("switch:0").has("apower")).isTrue();
    }

    @Test
    void shellyRefusesABadKeyAndUnknownDevices() {
        SimulatorClient.Answer badKey = client.postForm("/shelly/device/status", Map.of("id", "b48a0a1c2d3e", "auth_key", "nope"));
        assertThat(badKey.json().path("isok").asBoolean(true)).isFalse();
        assertThat(badKey.json().path("errors").isObject()).isTrue();

        JsonNode unknown = shelly("/shelly/device/status", Map.of("id", "000000000000")).json();
        assertThat(unknown.path("isok").asBoolean(true)).isFalse();
        assertThat(unknown.path("errors").isObject()).isTrue();
    }

    @Test
    void shellyOfflineDeviceShowsOfflineAndRefusesRelayCommands() {
        simulator.faults().update(f -> f.withOffline(List.of(
                new Faults.OfflineWindow("miner-1", Duration.ZERO, Duration.ofHours(1), false))));
        JsonNode status = shelly("/shelly/device/status", Map.of("id", "b48a0a1c2d3e")).json();
        assertThat(status.path("isok").asBoolean()).isTrue();
        assertThat(status.path("data").path("online").asBoolean(true)).isFalse();

        JsonNode control = shelly("/shelly/device/relay/control", Map.of("id", "b48a0a1c2d3e", "turn", "off")).json();
        assertThat(control.path("isok").asBoolean(true)).isFalse();
        assertThat(control.path("errors").has("DEVICE_OFFLINE")).isTrue();
        assertThat(simulator.state().device("miner-1").orElseThrow().on()).isTrue();
    }

    @Test
    void shellyAllowsOneRequestPerSecondPerKeyByDefault() {
        simulator.faults().set(Faults.none());
        assertThat(shelly("/shelly/device/status", Map.of("id", "b48a0a1c2d3e")).status()).isEqualTo(200);
        SimulatorClient.Answer burst = shelly("/shelly/device/status", Map.of("id", "b48a0a1c2d3f"));
        assertThat(burst.status()).isEqualTo(429);
        assertThat(burst.header("Retry-After")).isEqualTo("1");
        assertThat(burst.json().path("isok").asBoolean(true)).isFalse();
    }

    @Test
    void silentRelayFailureAnswersOkButTheRelayStays() {
        simulator.faults().update(f -> f.withRelayIgnoreProbability(1));
        JsonNode control = shelly("/shelly/device/relay/control", Map.of("id", "b48a0a1c2d3e", "turn", "off")).json();
        assertThat(control.path("isok").asBoolean()).isTrue();
        assertThat(simulator.state().device("miner-1").orElseThrow().on()).isTrue();
    }

    // --- SolArk ---

    @Test
    void solarkLogsInAndAnswersPlantsAndFlow() {
        String token = solarkLogin();
        JsonNode plants = client.get("/solark/api/v1/plants?page=1&limit=10", "Authorization", "Bearer " + token).json();
        assertThat(plants.path("code").asInt()).isZero();
        assertThat(plants.path("data").path("infos").get(0).path("id").asLong()).isEqualTo(CREDS.solarkPlantId());

        simulator.clock().advance(Duration.ofHours(12)); // local 6 am + 12 h = 6 pm: sun, miners, battery charging or not
        SiteState state = simulator.state();
        JsonNode flow = client.get("/solark/api/v1/plant/energy/" + CREDS.solarkPlantId() + "/flow?date=2025-06-16",
                "Authorization", "Bearer " + token).json();
        assertThat(flow.path("success").asBoolean()).isTrue();
        JsonNode data = flow.path("data");
        assertThat(data.path("pvPower").asLong()).isEqualTo(Math.round(state.pvW()));
        assertThat(data.path("loadOrEpsPower").asLong()).isEqualTo(Math.round(state.loadW()));
        assertThat(data.path("battPower").asLong()).isEqualTo(Math.round(Math.abs(state.batteryW())));
        assertThat(data.path("soc").asLong()).isEqualTo(Math.round(state.socPercent()));
        assertThat(data.path("toBat").asBoolean()).isEqualTo(state.batteryW() > 0);
        assertThat(data.path("batTo").asBoolean()).isEqualTo(state.batteryW() < 0);
        assertThat(data.path("gridTo").asBoolean(true)).isFalse();
        assertThat(data.path("toGrid").asBoolean(true)).isFalse();
    }

    @Test
    void solarkAnswersBadCredentialsWithCode2AndHttp200AndNeedsABearerToken() {
        SimulatorClient.Answer login = client.postJson("/solark/oauth/token",
                "{\"client_id\":\"csp-web\",\"grant_type\":\"password\",\"username\":\"owner@example.com\",\"password\":\"x\"}");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("code").asInt()).isEqualTo(2);
        assertThat(login.json().path("msg").asString()).isEqualTo("No Permissions");
        assertThat(login.json().path("success").asBoolean(true)).isFalse();

        assertThat(client.get("/solark/api/v1/plants?page=1&limit=10").status()).isEqualTo(401);
    }

    @Test
    void solarkShowsTheLastFiveMinuteRefreshAndFreezesWhenStale() {
        String token = solarkLogin();
        simulator.clock().advance(Duration.ofHours(8));
        simulator.faults().update(f -> f.withSolark(Faults.Api.NONE.withStaleData(1, Duration.ofHours(1))));
        JsonNode frozen = client.get("/solark/api/v1/plant/energy/" + CREDS.solarkPlantId() + "/flow?date=2025-06-16",
                "Authorization", "Bearer " + token).json().path("data");
        SiteState hourAgo = simulator.model().stateAt(simulator.model().now().minus(Duration.ofHours(1)));
        assertThat(frozen.path("soc").asLong()).isEqualTo(Math.round(hourAgo.socPercent()));
        assertThat(frozen.path("pvPower").asLong()).isEqualTo(Math.round(hourAgo.pvW()));
    }

    @Test
    void solarkAnswersAnExpiredTokenWithHttp200AndCode102() {
        simulator.faults().update(f -> f.withQuirks(f.quirks().withSolarkTokenLifetime(Duration.ofHours(1))));
        String token = solarkLogin();
        String plants = "/solark/api/v1/plants?page=1&limit=10";
        assertThat(client.get(plants, "Authorization", "Bearer " + token).json().path("code").asInt()).isZero();

        simulator.clock().advance(Duration.ofHours(1));
        SimulatorClient.Answer expired = client.get(plants, "Authorization", "Bearer " + token);

        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.json().path("code").asInt()).isEqualTo(102);
        assertThat(expired.json().path("msg").asString()).isEqualTo("token invalid or expired");
        assertThat(expired.json().path("success").asBoolean(true)).isFalse();
        assertThat(client.get(plants, "Authorization", "Bearer not-a-token").json().path("code").asInt())
                .as("an unknown token too").isEqualTo(102);
    }

    @Test
    void solarkKeepsShowingTheSameFlowWhileFrozen() {
        simulator.faults().update(f -> f.withQuirks(f.quirks().withSolarkFrozen(
                List.of(new Faults.Window(Duration.ofHours(9), Duration.ofMinutes(20))))));
        String token = solarkLogin();
        String flow = "/solark/api/v1/plant/energy/" + CREDS.solarkPlantId() + "/flow?date=2025-06-16";
        simulator.clock().advance(Duration.ofHours(9));
        JsonNode atFreeze = client.get(flow, "Authorization", "Bearer " + token).json().path("data");

        simulator.clock().advance(Duration.ofMinutes(19));
        JsonNode later = client.get(flow, "Authorization", "Bearer " + token).json().path("data");
        assertThat(later).isEqualTo(atFreeze);
        assertThat(simulator.state().socPercent()).as("the site itself moved on")
                .isNotEqualTo(simulator.model().stateAt(simulator.model().now().minus(Duration.ofMinutes(19))).socPercent());

        simulator.clock().advance(Duration.ofMinutes(6));
        assertThat(client.get(flow, "Authorization", "Bearer " + token).json().path("data")).isNotEqualTo(atFreeze);
    }

    // --- Shelly local RPC ---

    @Test
    void shellyLocalRpcReadsAndSetsTheSwitch() {
        JsonNode status = client.get("/shelly-local/b48a0a1c2d3f/rpc/Switch.GetStatus?id=0").json();
        assertThat(status.path("output").asBoolean()).isTrue();
        assertThat(status.path("apower").asDouble()).isGreaterThan(1300);

        JsonNode set = client.get("/shelly-local/b48a0a1c2d3f/rpc/Switch.Set?id=0&on=false").json();
        assertThat(set.path("was_on").asBoolean()).isTrue();
        assertThat(simulator.state().device("miner-2").orElseThrow().on()).isFalse();
        assertThat(client.get("/shelly-local/b48a0a1c2d3f/rpc/Switch.Set?id=0&on=true").json().path("was_on").asBoolean(true)).isFalse();
    }

    @Test
    void shellyLocalRpcAnswers503ForAnOfflineDevice() {
        simulator.faults().update(f -> f.withOffline(List.of(
                new Faults.OfflineWindow("miner-2", Duration.ZERO, Duration.ofHours(1), false))));
        assertThat(client.get("/shelly-local/b48a0a1c2d3f/rpc/Switch.GetStatus?id=0").status()).isEqualTo(503);
    }

    // --- Faults common to all APIs ---

    @Test
    void serverErrorFaultAnswersTheConfigured5xx() {
        simulator.faults().update(f -> f.withSolark(new Faults.Api(0, null, 1, 502, 0, null, 0, null, 0, null)));
        SimulatorClient.Answer answer = client.postJson("/solark/oauth/token", "{}");
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.json().path("success").asBoolean(true)).isFalse();
    }

    @Test
    void randomRateLimitFaultAnswers429WithTheConfiguredRetryAfter() {
        simulator.faults().update(f -> f.withShellyCloud(Faults.Api.NONE.withRandomRateLimiting(1, Duration.ofSeconds(7))));
        SimulatorClient.Answer answer = shelly("/shelly/device/status", Map.of("id", "b48a0a1c2d3e"));
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.header("Retry-After")).isEqualTo("7");
    }

    @Test
    void timeoutFaultAnswersLaterThanTheClientWaits() {
        simulator.faults().update(f -> f.withShellyLocal(Faults.Api.NONE.withTimeouts(1, Duration.ofSeconds(3))));
        client.timeout = Duration.ofMillis(500);
        assertThatThrownBy(() -> client.get("/shelly-local/b48a0a1c2d3f/rpc/Switch.GetStatus?id=0"))
                .hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void shellyOfflineProbabilityMakesADeviceLookOffline() {
        simulator.faults().update(f -> f.withShellyCloud(Faults.Api.NONE.withOfflineDevices(1)));
        JsonNode status = shelly("/shelly/device/status", Map.of("id", "b48a0a1c2d3e")).json();
        assertThat(status.path("data").path("online").asBoolean(true)).isFalse();
    }

    @Test
    void sameSeedGivesTheSameFaultSequence() {
        List<Integer> first = faultySequence();
        simulator.reset();
        simulator.faults().clear();
        assertThat(faultySequence()).isEqualTo(first).contains(200, 500);
    }

    private List<Integer> faultySequence() {
        simulator.faults().update(f -> f.withShellyLocal(Faults.Api.NONE.withServerErrors(0.5)));
        return java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> client.get("/shelly-local/b48a0a1c2d3f/rpc/Switch.GetStatus?id=0").status()).toList();
    }

    // --- Admin and clock ---

    @Test
    void adminEndpointsShowStateChangeFaultsAdvanceAndReset() {
        JsonNode state = client.get("/_sim/state").json();
        assertThat(state.path("time").asString()).isEqualTo("2025-06-16T06:00:00Z");
        assertThat(state.path("devices").size()).isEqualTo(4);

        SimulatorClient.Answer faults = client.postJson("/_sim/faults",
                "{\"vrm\":{\"serverErrorProbability\":1},\"relayIgnoreProbability\":0.5}");
        assertThat(faults.status()).isEqualTo(200);
        assertThat(simulator.faults().current().vrm().serverErrorProbability()).isEqualTo(1.0);
        assertThat(simulator.faults().current().relayIgnoreProbability()).isEqualTo(0.5);
        assertThat(client.get("/vrm/v2/users/me", "X-Authorization", "Token " + CREDS.vrmAccessToken()).status()).isEqualTo(500);
        assertThat(client.get("/_sim/faults").json().path("vrm").path("timeoutDelay").asString()).isEqualTo("PT30S");

        SimulatorClient.Answer invalid = client.postJson("/_sim/faults", "{\"vrm\":{\"timeoutProbability\":3}}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("error").asString()).contains("timeoutProbability must be between 0 and 1");

        JsonNode advanced = client.postJson("/_sim/advance?by=PT2H", "").json();
        assertThat(advanced.path("time").asString()).isEqualTo("2025-06-16T08:00:00Z");

        client.postJson("/_sim/reset", "");
        assertThat(simulator.model().now()).isEqualTo(Instant.parse("2025-06-16T06:00:00Z"));
        assertThat(simulator.faults().current()).isEqualTo(simulator.scenario().faults());
    }

    @Test
    void runningClockAdvancesTheModelWithWallTimeTimesSpeed() throws InterruptedException {
        Scenario scenario = Scenario.resolve("summer-week.yaml");
        try (SiteSimulator running = new SiteSimulator(scenario, SimulationClock.running(scenario.start(), 3600)).start(0)) {
            Thread.sleep(300);
            Instant time = Instant.parse(new SimulatorClient(running.baseUri()).get("/_sim/state").json().path("time").asString());
            // 0.3 s of wall time at one simulated hour per second
            assertThat(Duration.between(scenario.start(), time)).isGreaterThan(Duration.ofMinutes(15));
        }
    }

    private String vrmLogin() {
        SimulatorClient.Answer login = client.postJson("/vrm/v2/auth/login",
                "{\"username\":\"" + CREDS.vrmUsername() + "\",\"password\":\"" + CREDS.vrmPassword() + "\"}");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("idUser").asLong()).isEqualTo(CREDS.vrmUserId());
        return login.json().path("token").asString();
    }

    private JsonNode batterySummary(int instance) {
        return client.get("/vrm/v2/installations/" + CREDS.vrmSiteId() + "/widgets/BatterySummary?instance=" + instance,
                "X-Authorization", "Token " + CREDS.vrmAccessToken()).json();
    }

    private SimulatorClient.Answer shelly(String path, Map<String, String> form) {
        Map<String, String> withKey = new java.util.HashMap<>(form);
        withKey.put("auth_key", CREDS.shellyAuthKey());
        return client.postForm(path, withKey);
    }

    private String solarkLogin() {
        JsonNode login = client.postJson("/solark/oauth/token", "{\"client_id\":\"csp-web\",\"grant_type\":\"password\","
                + "\"username\":\"" + CREDS.solarkUsername() + "\",\"password\":\"" + CREDS.solarkPassword() + "\"}").json();
        assertThat(login.path("code").asInt()).isZero();
        assertThat(login.path("data").path("token_type").asString()).isEqualTo("bearer");
        assertThat(login.path("data").path("expires_in").asLong()).isPositive();
        return login.path("data").path("access_token").asString();
    }
}
