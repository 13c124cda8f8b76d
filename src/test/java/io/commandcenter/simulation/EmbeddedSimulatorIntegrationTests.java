package io.commandcenter.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.commandcenter.IntegrationTest;

@IntegrationTest
class EmbeddedSimulatorIntegrationTests {

    @Autowired
    EmbeddedSimulator embedded;

    @Test
    void startsTheSummerWeekSimulatorWithTheAppWhenNoCloudAccountIsConfigured() {
        SimulatorClient client = new SimulatorClient(embedded.baseUri());
        var state = client.get("/_sim/state");
        assertThat(state.status()).isEqualTo(200);
        assertThat(embedded.simulator().scenario().name()).isEqualTo("summer-week");
        assertThat(state.json().path("devices").size()).isEqualTo(4);

        var login = client.postJson("/vrm/v2/auth/login", "{\"username\":\"" + embedded.credentials().vrmUsername()
                + "\",\"password\":\"" + embedded.credentials().vrmPassword() + "\"}");
        assertThat(login.status()).isEqualTo(200);
    }
}
