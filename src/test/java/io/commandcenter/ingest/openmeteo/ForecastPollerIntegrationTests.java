package io.commandcenter.ingest.openmeteo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.commandcenter.ingest.IngestTest;
import io.commandcenter.ingest.MutableClock;
import io.commandcenter.ingest.PollSource;
import io.commandcenter.ingest.internal.PollRunner;
import io.commandcenter.ingest.internal.SourcePoller;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.timeseries.PvForecast;
import io.commandcenter.timeseries.PvForecasts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The forecast poller on the simulator's Open-Meteo: fetched over HTTP as from the real one, stored as an issue. */
@IngestTest
class ForecastPollerIntegrationTests {

    @Autowired List<SourcePoller> pollers;
    @Autowired PollRunner runner;
    @Autowired PvForecasts forecasts;
    @Autowired EmbeddedSimulator embedded;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;

    SourcePoller poller;

    @BeforeEach
    void cleanSlate() {
        jdbc.sql(IngestTest.TRUNCATE).update();
        embedded.simulator().reset();
        embedded.simulator().faults().clear();
        poller = pollers.stream().filter(p -> p.source() == PollSource.FORECAST).findFirst().orElseThrow();
    }

    @Test
    void storesThreeDaysOfHoursAsOneIssueWithTheExpectedPvOfTheSimulatedArray() {
        var result = runner.run(poller);

        assertThat(result.succeeded()).as(String.valueOf(result.error())).isTrue();
        assertThat(result.readings()).isEqualTo(72);
        assertThat(poller.origin()).isEqualTo("simulator");
        PvForecast latest = forecasts.latest("home", clock.instant().minus(Duration.ofDays(2)),
                        clock.instant().plus(Duration.ofDays(4)))
                .orElseThrow();
        assertThat(latest.issuedAt()).isEqualTo(clock.instant());
        assertThat(latest.hours()).hasSize(72);
        double peakW = embedded.simulator().scenario().site().pvPeakW();
        assertThat(latest.hours()).allSatisfy(h -> assertThat(h.expectedPvW()).isBetween(0.0, peakW * 1.2));
        assertThat(latest.hours()).anySatisfy(h -> assertThat(h.expectedPvW()).as("the sun shows up")
                .isGreaterThan(peakW * 0.2));
        assertThat(latest.hours()).anySatisfy(h -> assertThat(h.expectedPvW()).as("and sets").isZero());
    }

    @Test
    void aLaterIssueIsStoredBesideTheFirstAndIsTheLatest() {
        runner.run(poller);
        Instant first = clock.instant();
        clock.advance(Duration.ofHours(1));
        runner.run(poller);

        long issues = jdbc.sql("SELECT count(DISTINCT issued_at) FROM forecast.pv_hours").query(Long.class).single();
        assertThat(issues).isEqualTo(2);
        assertThat(forecasts.latest("home", first, first.plus(Duration.ofDays(3))).orElseThrow().issuedAt())
                .isEqualTo(first.plus(Duration.ofHours(1)));
    }

    @Test
    void refusesImpossibleHoursWithTheirReasonAndKeepsTheRest() {
        Instant now = clock.instant();
        var result = forecasts.store(new PvForecast("home", now, "test", List.of(
                new PvForecast.Hour(now.plusSeconds(3600), 300, 40, 12, 1200),
                new PvForecast.Hour(now.plusSeconds(7200), -5, 40, 12, 0),
                new PvForecast.Hour(now.plusSeconds(10800), 300, 140, 12, 1200))));

        assertThat(result.stored()).isEqualTo(1);
        assertThat(result.rejections()).hasSize(2);
        assertThat(result.rejections().get(0)).contains("irradiance -5.0 W/m² is outside 0..1500");
        assertThat(result.rejections().get(1)).contains("cloud cover 140.0 % is outside 0..100");
    }
}
