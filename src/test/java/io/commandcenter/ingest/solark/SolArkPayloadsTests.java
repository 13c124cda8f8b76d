package io.commandcenter.ingest.solark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commandcenter.ingest.CloudException;
import org.junit.jupiter.api.Test;

/** Firmware variants of the energy flow the simulator does not produce (negative raw numbers). */
class SolArkPayloadsTests {

    @Test
    void trustsTheFlagsOverTheRawSigns() {
        var flow = SolArkPayloads.flow("""
                {"code":0,"msg":"Success","success":true,"data":{"pvPower":0,"battPower":-1200,"gridOrMeterPower":-300,
                 "loadOrEpsPower":1500,"soc":55,"toBat":true,"batTo":false,"toGrid":false,"gridTo":true}}
                """);

        assertThat(flow.batteryPower()).isEqualTo(1200);
        assertThat(flow.gridPower()).isEqualTo(300);
    }

    @Test
    void showsExportAndDischargeAsNegative() {
        var flow = SolArkPayloads.flow("""
                {"code":0,"success":true,"data":{"pvPower":"3000","battPower":"800","gridOrMeterPower":"700",
                 "loadOrEpsPower":"3100","soc":"61","toBat":false,"batTo":true,"toGrid":true,"gridTo":false}}
                """);

        assertThat(flow.batteryPower()).isEqualTo(-800);
        assertThat(flow.gridPower()).isEqualTo(-700);
        assertThat(flow.soc()).isEqualTo(61);
    }

    @Test
    void failsOnANonZeroCodeEvenWhenSuccessIsMissing() {
        assertThatThrownBy(() -> SolArkPayloads.plants("""
                {"code":2,"msg":"No Permissions"}
                """))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(CloudException.Kind.REJECTED));
    }

    @Test
    void failsOnSuccessFalseEvenWithCodeZero() {
        assertThatThrownBy(() -> SolArkPayloads.plants("""
                {"code":0,"msg":"Busy","success":false}
                """))
                .isInstanceOf(CloudException.class);
    }
}
