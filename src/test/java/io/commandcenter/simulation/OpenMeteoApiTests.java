package io.commandcenter.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.commandcenter.sitemodel.Faults;
import io.commandcenter.sitemodel.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;

/** The Open-Meteo forecast API over HTTP, against summer-week (Denver, starts 2025-06-16 00:00 MDT = 06:00 UTC). */
class OpenMeteoApiTests {

    static final String FORECAST = "/open-meteo/v1/forecast?latitude=39.7&longitude=-105.0";
    static final String ALL = "&hourly=global_tilted_irradiance,cloud_cover,temperature_2m";

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

    @Test
    void answersInTheRealApisShape() {
        SimulatorClient.Answer answer = client.get(FORECAST + ALL + "&tilt=30&azimuth=-10&timezone=UTC&forecast_days=3");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode json = answer.json();
        assertThat(json.propertyNames()).containsExactly("latitude", "longitude", "generationtime_ms",
                "utc_offset_seconds", "timezone", "timezone_abbreviation", "elevation", "hourly_units", "hourly");
        assertThat(json.path("latitude").asDouble()).isEqualTo(39.7);
        assertThat(json.path("longitude").asDouble()).isEqualTo(-105.0);
        assertThat(json.path("generationtime_ms").isNumber()).isTrue();
        assertThat(json.path("utc_offset_seconds").asInt(-1)).isZero();
        assertThat(json.path("timezone").asString()).isEqualTo("UTC");
        assertThat(json.path("timezone_abbreviation").asString()).isEqualTo("UTC");
        assertThat(json.path("elevation").isNumber()).isTrue();

        JsonNode units = json.path("hourly_units");
        assertThat(units.path("time").asString()).isEqualTo("iso8601");
        assertThat(units.path("global_tilted_irradiance").asString()).isEqualTo("W/m²");
        assertThat(units.path("cloud_cover").asString()).isEqualTo("%");
        assertThat(units.path("temperature_2m").asString()).isEqualTo("°C");

        JsonNode hourly = json.path("hourly");
        JsonNode time = hourly.path("time");
        assertThat(time.size()).isEqualTo(3 * 24);
        assertThat(time.get(0).asString()).as("00:00 UTC of the simulated day").isEqualTo("2025-06-16T00:00");
        assertThat(time.get(1).asString()).isEqualTo("2025-06-16T01:00");
        assertThat(time.get(71).asString()).isEqualTo("2025-06-18T23:00");
        for (String variable : List.of("global_tilted_irradiance", "cloud_cover", "temperature_2m")) {
            assertThat(hourly.path(variable).size()).as(variable).isEqualTo(72);
        }
        for (int i = 0; i < 72; i++) {
            JsonNode irradiance = hourly.path("global_tilted_irradiance").get(i);
            JsonNode cloud = hourly.path("cloud_cover").get(i);
            JsonNode temperature = hourly.path("temperature_2m").get(i);
            assertThat(irradiance.asDouble()).isBetween(0.0, 1500.0);
            assertThat(irradiance.asDouble() * 10).as("one decimal").isEqualTo(Math.rint(irradiance.asDouble() * 10));
            assertThat(cloud.isIntegralNumber()).as("cloud cover in whole percent").isTrue();
            assertThat(cloud.asInt()).isBetween(0, 100);
            assertThat(temperature.asDouble() * 10).as("one decimal").isEqualTo(Math.rint(temperature.asDouble() * 10));
            assertThat(temperature.asDouble()).as("a Denver summer").isBetween(5.0, 40.0);
        }
    }

    @Test
    void defaultsToSevenDaysInGmt() {
        JsonNode json = client.get(FORECAST + "&hourly=cloud_cover").json();

        assertThat(json.path("timezone").asString()).isEqualTo("GMT");
        assertThat(json.path("timezone_abbreviation").asString()).isEqualTo("GMT");
        assertThat(json.path("hourly").path("time").size()).isEqualTo(7 * 24);
    }

    @Test
    void answersOnlyTheRequestedVariables() {
        JsonNode json = client.get(FORECAST + "&hourly=cloud_cover&forecast_days=1").json();

        assertThat(json.path("hourly").propertyNames()).containsExactly("time", "cloud_cover");
        assertThat(json.path("hourly_units").propertyNames()).containsExactly("time", "cloud_cover");

        JsonNode twice = client.get(FORECAST + "&hourly=temperature_2m&hourly=global_tilted_irradiance").json();
        assertThat(twice.path("hourly").propertyNames())
                .containsExactly("time", "temperature_2m", "global_tilted_irradiance");

        JsonNode none = client.get(FORECAST).json();
        assertThat(none.has("hourly")).isFalse();
        assertThat(none.has("hourly_units")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing latitude      | /open-meteo/v1/forecast?longitude=-105&hourly=cloud_cover  | required for key 'latitude'
            latitude not a number | /open-meteo/v1/forecast?latitude=north&longitude=-105     | required for key 'latitude'
            missing longitude     | /open-meteo/v1/forecast?latitude=39.7                      | required for key 'longitude'
            latitude beyond 90    | /open-meteo/v1/forecast?latitude=95&longitude=-105         | Latitude must be in range
            unknown variable      | /open-meteo/v1/forecast?latitude=39.7&longitude=-105&hourly=cloud_cover,cape | invalid String value cape
            forecast days 17      | /open-meteo/v1/forecast?latitude=39.7&longitude=-105&forecast_days=17 | Forecast days is invalid
            forecast days 0       | /open-meteo/v1/forecast?latitude=39.7&longitude=-105&forecast_days=0 | Forecast days is invalid
            tilt beyond 90        | /open-meteo/v1/forecast?latitude=39.7&longitude=-105&tilt=95 | Tilt must be in range
            compass azimuth       | /open-meteo/v1/forecast?latitude=39.7&longitude=-105&azimuth=270 | Azimuth must be in range
            a local time zone     | /open-meteo/v1/forecast?latitude=39.7&longitude=-105&timezone=America/Denver | UTC or GMT
            """)
    void refusesBadParametersWithTheRealErrorShape(String problem, String path, String reason) {
        SimulatorClient.Answer answer = client.get(path);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().propertyNames()).containsExactlyInAnyOrder("error", "reason");
        assertThat(answer.json().path("error").isBoolean()).isTrue();
        assertThat(answer.json().path("error").asBoolean()).isTrue();
        assertThat(answer.json().path("reason").asString()).contains(reason);
    }

    @Test
    void answersNotFoundOffTheForecastPath() {
        SimulatorClient.Answer answer = client.get("/open-meteo/v1/archive?latitude=39.7&longitude=-105");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asBoolean()).isTrue();
    }

    @Test
    void givesNoIrradianceAtNight() {
        List<Double> irradiance = irradiance(client.get(FORECAST + "&hourly=global_tilted_irradiance").json());

        for (int day = 0; day < 7; day++) {
            // 05:00–10:00 UTC is 23:00–04:00 in Denver, each value the hour before it
            for (int hour = 5; hour <= 10; hour++) {
                assertThat(irradiance.get(day * 24 + hour)).as("day %d %02d:00 UTC", day, hour).isZero();
            }
        }
        assertThat(irradiance.get(19)).as("noon to 1 pm in Denver, a clear day").isGreaterThan(300);
    }

    @Test
    void irradianceIsTheMeanOfTheHourBefore() {
        // late in the UTC day, so the day's hours are observed (true weather, the same all day)
        simulator.clock().advance(Duration.ofHours(17).plusMinutes(30));
        SimulatorClient.Answer answer = client.get(FORECAST + "&hourly=global_tilted_irradiance&forecast_days=1");
        List<Double> irradiance = irradiance(answer.json());

        // solar noon is 12:00 in Denver, 18:00 UTC: the hour before 18:00 and the one before 19:00 mirror each other
        assertThat(irradiance.get(18)).isCloseTo(irradiance.get(19), within(0.2));
        assertThat(irradiance.get(17)).isLessThan(irradiance.get(18));
        assertThat(irradiance.get(20)).isLessThan(irradiance.get(19));

        // sunrise about 04:36 and sunset about 19:24 in Denver (10:36 and 01:24 UTC)
        assertThat(irradiance.get(10)).as("03:00–04:00 Denver").isZero();
        assertThat(irradiance.get(11)).as("04:00–05:00 Denver, after sunrise").isGreaterThan(0);
        assertThat(irradiance.get(2)).as("19:00–20:00 Denver the day before, before sunset").isGreaterThan(0);
        assertThat(irradiance.get(3)).as("20:00–21:00 Denver").isZero();
    }

    @Test
    void twoPollsInTheSameSimulatedHourAgree() {
        simulator.clock().advance(Duration.ofHours(9).plusMinutes(5));
        JsonNode first = client.get(FORECAST + ALL).json().path("hourly");
        simulator.clock().advance(Duration.ofMinutes(50));
        JsonNode again = client.get(FORECAST + ALL).json().path("hourly");
        simulator.clock().advance(Duration.ofMinutes(10));
        JsonNode nextHour = client.get(FORECAST + ALL).json().path("hourly");

        assertThat(again).isEqualTo(first);
        assertThat(nextHour).as("a new issue, new errors").isNotEqualTo(first);
    }

    @Test
    void injectsServerErrorsInOpenMeteosErrorShape() {
        simulator.faults().update(f -> f.withOpenMeteo(Faults.Api.NONE.withServerErrors(1)));
        SimulatorClient.Answer answer = client.get(FORECAST + ALL);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json().path("error").asBoolean()).isTrue();
        assertThat(answer.json().path("reason").asString()).isNotBlank();
        assertThat(simulator.requests("/open-meteo/v1/forecast")).isEqualTo(1);
    }

    @Test
    void aStaleAnswerIsAnOlderForecast() {
        simulator.clock().advance(Duration.ofHours(2).plusMinutes(30));
        JsonNode early = client.get(FORECAST + ALL).json().path("hourly");

        simulator.faults().update(f -> f.withOpenMeteo(Faults.Api.NONE.withStaleData(1, Duration.ofHours(6))));
        simulator.clock().advance(Duration.ofHours(6));
        JsonNode stale = client.get(FORECAST + ALL).json().path("hourly");

        assertThat(stale).as("the forecast issued at 08:00 UTC, six hours before").isEqualTo(early);
    }

    private static List<Double> irradiance(JsonNode json) {
        List<Double> values = new ArrayList<>();
        json.path("hourly").path("global_tilted_irradiance").forEach(v -> values.add(v.asDouble()));
        return values;
    }
}
