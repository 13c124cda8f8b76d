package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiVersioningTests {

    @Test
    void successorPutsAPathUnderV1() {
        assertThat(ApiVersioning.successor("/engine/rules")).isEqualTo("/api/v1/engine/rules");
        assertThat(ApiVersioning.successor("/engine/locks/*")).isEqualTo("/api/v1/engine/locks/*");
        assertThat(ApiVersioning.successor("/preferences")).isEqualTo("/api/v1/preferences");
    }

    @Test
    void successorKeepsTheAccountsApiName() {
        assertThat(ApiVersioning.successor("/api/users/vera")).isEqualTo("/api/v1/users/vera");
        assertThat(ApiVersioning.successor("/api/tokens/**")).isEqualTo("/api/v1/tokens/**");
    }
}
