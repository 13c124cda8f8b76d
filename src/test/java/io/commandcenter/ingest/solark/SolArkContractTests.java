package io.commandcenter.ingest.solark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.CloudException.Kind;
import org.junit.jupiter.api.Test;

/** The production parsers on SolArk answers in the real shapes ({@code contracts/solark/}, sources in its README). */
class SolArkContractTests {

    static String answer(String file) {
        return io.commandcenter.ingest.ContractAnswers.read("solark", file);
    }

    @Test
    void readsTheLogin() {
        var token = SolArkPayloads.token(answer("login.json"));

        assertThat(token.accessToken()).isEqualTo("eyJhbGciOiJSUzI1NiJ9.contract-access");
        assertThat(token.refreshToken()).isEqualTo("eyJhbGciOiJSUzI1NiJ9.contract-refresh");
        assertThat(token.expiresInSeconds()).isEqualTo(604_799);
    }

    @Test
    void readsARefusedLoginAsUnauthorizedWithTheCloudsMessage() {
        assertThatThrownBy(() -> SolArkPayloads.token(answer("login-no-permissions.json")))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("code 2").contains("No Permissions");
                });
    }

    @Test
    void readsCode102AsADeadTokenAndNothingElseAsOne() {
        assertThatThrownBy(() -> SolArkPayloads.requireLiveToken(answer("token-invalid-or-expired.json")))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
                    assertThat(e.status()).as("HTTP said 200").isEqualTo(200);
                    assertThat(e.getMessage()).contains("code 102").contains("token invalid or expired");
                });
        for (String other : new String[] {"flow-plant-not-found.json", "flow-charging-importing.json", "plants.json"}) {
            assertThatCode(() -> SolArkPayloads.requireLiveToken(answer(other))).as(other).doesNotThrowAnyException();
        }
    }

    @Test
    void readsThePlants() {
        var plants = SolArkPayloads.plants(answer("plants.json"));

        assertThat(plants).containsExactly(new Plant(310001, "Ridge Cabin", 1), new Plant(310002, "Barn", 0));
    }

    @Test
    void readsChargingAndImportingAsPositive() {
        var flow = SolArkPayloads.flow(answer("flow-charging-importing.json"));

        assertThat(flow).isEqualTo(new SolArkPayloads.EnergyFlow(4210, 1850, 120, 2480, 64));
    }

    @Test
    void readsDischargingAndExportingAsNegativeFromTheFlagsWhateverTheRawSigns() {
        var flow = SolArkPayloads.flow(answer("flow-discharging-exporting-negative-signs.json"));

        assertThat(flow).isEqualTo(new SolArkPayloads.EnergyFlow(1500, -2300, -400, 3400, 41));
    }

    @Test
    void addsTheMicroInvertersToPv() {
        var flow = SolArkPayloads.flow(answer("flow-micro-inverters.json"));

        assertThat(flow.pvPower()).as("pvPower 2600 W + minPower 1150 W").isEqualTo(3750);
        assertThat(flow).isEqualTo(new SolArkPayloads.EnergyFlow(3750, 900, 0, 2850, 77));
    }

    @Test
    void readsAFlowWithoutDirectionFlagsAsStandingStill() {
        var flow = SolArkPayloads.flow(answer("flow-idle-night.json"));

        assertThat(flow).isEqualTo(new SolArkPayloads.EnergyFlow(0, 0, 0, 0, 52));
    }

    @Test
    void readsAnUnknownPlantAsRejected() {
        assertThatThrownBy(() -> SolArkPayloads.flow(answer("flow-plant-not-found.json")))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.getMessage()).contains("code 1").contains("Plant not found or no permission");
                });
    }
}
