package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

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

    @Test
    void sunsetIsAnHttpDateOneYearAfterTheDeprecation() {
        Instant deprecated = Instant.ofEpochSecond(Long.parseLong(ApiVersioning.DEPRECATION.substring(1)));
        ZonedDateTime sunset = ZonedDateTime.parse(ApiVersioning.SUNSET, DateTimeFormatter.RFC_1123_DATE_TIME);

        assertThat(ApiVersioning.DEPRECATION).startsWith("@");
        assertThat(deprecated).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
        assertThat(sunset.toInstant()).isEqualTo(deprecated.atZone(ZoneOffset.UTC).plusYears(1).toInstant());
        // IMF-fixdate: two-digit day, GMT (RFC 9110 section 5.6.7)
        assertThat(ApiVersioning.SUNSET).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    }
}
