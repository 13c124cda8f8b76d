package io.commandcenter.ingest.openmeteo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.CloudException.Kind;
import io.commandcenter.ingest.ContractAnswers;
import org.junit.jupiter.api.Test;

/** The production parser on Open-Meteo answers in the real shape ({@code contracts/open-meteo/}, sources in its README). */
class OpenMeteoContractTests {

    static String answer(String file) {
        return ContractAnswers.read("open-meteo", file);
    }

    @Test
    void readsEveryHourAsTheMeanOfTheHourBeforeItsTimeInUtc() {
        var hours = OpenMeteoPayloads.hourly(answer("forecast-one-day.json"));

        assertThat(hours).hasSize(24);
        assertThat(hours.get(0)).isEqualTo(new OpenMeteoPayloads.Hourly(Instant.parse("2026-12-02T00:00:00Z"), 0, 100,
                1.2));
        assertThat(hours.get(12)).isEqualTo(new OpenMeteoPayloads.Hourly(Instant.parse("2026-12-02T12:00:00Z"), 402.0,
                18, 6.1));
        assertThat(hours.get(5).temperature()).as("below zero").isEqualTo(-0.2);
    }

    @Test
    void leavesOutAnHourWithoutAValueInsteadOfReadingItAsZero() {
        var hours = OpenMeteoPayloads.hourly(answer("forecast-with-nulls.json"));

        assertThat(hours).hasSize(22);
        assertThat(hours).extracting(OpenMeteoPayloads.Hourly::endsAt)
                .doesNotContain(Instant.parse("2026-12-02T12:00:00Z"), Instant.parse("2026-12-02T13:00:00Z"));
    }

    @Test
    void readsTheErrorAnswerAsARefusalWithTheReason() {
        assertThatThrownBy(() -> OpenMeteoPayloads.hourly(answer("error-bad-parameter.json")))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.getMessage()).contains("invalid String value");
                });
    }

    @Test
    void refusesArraysOfAnotherLengthThanTheTimes() {
        String shortened = """
                {"hourly":{"time":["2026-12-02T00:00","2026-12-02T01:00"],"global_tilted_irradiance":[0,0],
                "cloud_cover":[100],"temperature_2m":[1.2,0.9]}}""";

        assertThatThrownBy(() -> OpenMeteoPayloads.hourly(shortened))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BAD_PAYLOAD);
                    assertThat(e.getMessage()).contains("hourly.cloud_cover has 1 values for 2 hours");
                });
    }

    @Test
    void refusesAnAnswerWithoutHours() {
        assertThatThrownBy(() -> OpenMeteoPayloads.hourly("{\"latitude\":46.9,\"longitude\":7.4}"))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_PAYLOAD));
    }
}
