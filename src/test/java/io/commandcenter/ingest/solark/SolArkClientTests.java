package io.commandcenter.ingest.solark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.CloudException.Kind;
import io.commandcenter.ingest.FastCalls;
import io.commandcenter.ingest.SimulatedCloudTestSupport;
import org.junit.jupiter.api.Test;

/** The SolArk client against the simulator's SolArk cloud over HTTP. */
class SolArkClientTests extends SimulatedCloudTestSupport {

    SolArkClient client(String password) {
        return new SolArkClient(sim.solarkBaseUri(), sim.credentials().solarkUsername(), password,
                FastCalls.settings(), 100, Duration.ofSeconds(1), Clock.systemUTC());
    }

    SolArkClient client() {
        return client(sim.credentials().solarkPassword());
    }

    @Test
    void readsThePowerFlowsWithSignsFromTheDirectionFlags() {
        advanceUntil(() -> sim.state().batteryW() > 500);
        var flow = client().flow(sim.credentials().solarkPlantId(), ZoneId.of("UTC"));

        var state = sim.state();
        assertThat(flow.pvPower()).isCloseTo(state.pvW(), within(1.0));
        assertThat(flow.batteryPower()).isCloseTo(state.batteryW(), within(1.0)).isPositive();
        assertThat(flow.soc()).isCloseTo(state.socPercent(), within(0.5));
    }

    @Test
    void showsDischargingAsNegativeBatteryPower() {
        advanceUntil(() -> sim.state().batteryW() < -500);
        var flow = client().flow(sim.credentials().solarkPlantId(), ZoneId.of("UTC"));

        assertThat(sim.state().batteryW()).isNegative();
        assertThat(flow.batteryPower()).isCloseTo(sim.state().batteryW(), within(1.0));
    }

    /** Steps the simulated day in 5-minute marks (when the cloud refreshes) until the site is in the wanted state. */
    void advanceUntil(java.util.function.BooleanSupplier wanted) {
        for (int step = 0; step < 288 && !wanted.getAsBoolean(); step++) {
            sim.clock().advance(Duration.ofMinutes(5));
        }
        assertThat(wanted.getAsBoolean()).as("the scenario reaches the wanted state within a day").isTrue();
    }

    @Test
    void logsInAgainOnceWhenTheCloudAnswersAnExpiredTokenWithHttp200AndCode102() {
        sim.faults().update(f -> f.withQuirks(f.quirks().withSolarkTokenLifetime(Duration.ofHours(1))));
        var client = client();
        client.plants();
        sim.clock().advance(Duration.ofHours(2)); // the token is dead, though the login promised a week

        assertThat(client.plants()).extracting(Plant::id).containsExactly(sim.credentials().solarkPlantId());
        assertThat(sim.requests("/solark/oauth/token")).as("the first login and one fresh login").isEqualTo(2);
        assertThat(sim.requests("/solark/api/v1/plants")).as("the refused call and its retry").isEqualTo(3);

        client.plants();
        assertThat(sim.requests("/solark/oauth/token")).as("the new token is kept").isEqualTo(2);
    }

    @Test
    void listsThePlants() {
        assertThat(client().plants()).extracting(Plant::id).containsExactly(sim.credentials().solarkPlantId());
    }

    @Test
    void reportsAWrongPasswordAsUnauthorizedThoughHttpSaidOk() {
        assertThatThrownBy(() -> client("wrong").plants())
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("No Permissions");
                });
    }

    @Test
    void reportsAnUnknownPlantAsRejected() {
        assertThatThrownBy(() -> client().flow(1, ZoneId.of("UTC")))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.getMessage()).contains("code 1");
                });
    }
}
