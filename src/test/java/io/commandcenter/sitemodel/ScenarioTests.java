package io.commandcenter.sitemodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioTests {

    static Stream<Path> shippedScenarios() throws IOException {
        return Files.list(Path.of("simulation/scenarios")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("shippedScenarios")
    void loadsEveryShippedScenario(Path file) {
        Scenario scenario = Scenario.load(file);
        assertThat(scenario.name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
        assertThat(scenario.devices()).isNotEmpty();
        SiteModel model = new SiteModel(scenario);
        model.step(scenario.duration());
        assertThat(model.now()).isEqualTo(scenario.end());
    }

    @Test
    void shipsTheScenariosTheDocsName() throws IOException {
        assertThat(shippedScenarios().map(p -> p.getFileName().toString()))
                .contains("summer-week.yaml", "winter-cloudy-week.yaml", "grid-tied.yaml", "fault-heavy-day.yaml",
                        "heater-overcast-spell.yaml", "sparse-battery-readings.yaml", "relays-ignore-commands.yaml",
                        "stop-through-night.yaml");
    }

    @Test
    void readsLocalStartTimesInTheSiteTimeZone() {
        Scenario summer = Scenario.resolve("summer-week.yaml");
        assertThat(summer.start()).isEqualTo(Instant.parse("2025-06-16T06:00:00Z"));
        assertThat(summer.step()).isEqualTo(Duration.ofMinutes(2));
        assertThat(summer.faults().shellyCloud().rateLimit().requests()).isEqualTo(1);
    }

    @Test
    void readsFaultsFromTheScenarioFile() {
        Scenario faulty = Scenario.resolve("simulation/scenarios/fault-heavy-day.yaml");
        assertThat(faulty.faults().vrm().serverErrorStatus()).isEqualTo(502);
        assertThat(faulty.faults().vrm().staleAge()).isEqualTo(Duration.ofHours(3));
        assertThat(faulty.faults().relayIgnoreProbability()).isEqualTo(0.2);
        assertThat(faulty.faults().offline()).extracting(Faults.OfflineWindow::device).containsExactly("well-pump", "miner-2");
    }

    @Test
    void acceptsJsonToo() {
        Scenario scenario = Scenario.parse("tiny.json", """
                {"name": "tiny", "start": "2025-01-01T00:00:00Z", "duration": "P1D",
                 "site": {"dayLengthHours": 10, "pvPeakW": 1000, "baseLoadW": 100,
                          "battery": {"capacityKwh": 5, "nominalVoltage": 48, "maxChargeW": 2000,
                                      "maxDischargeW": 2000, "initialSoc": 50}}}
                """);
        assertThat(scenario.devices()).isEmpty();
        assertThat(scenario.site().grid().connected()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            capacityKwh: 30              | capacityKwh: -3             | site.battery: capacityKwh must be greater than 0 (was -3.0)
            initialSoc: 65               | initialSoc: 130             | site.battery: initialSoc must be between 0 and 100 (was 130.0)
            name: miner-2                | name: miner-1               | devices[1].name: 'miner-1' is used twice
            name: well-pump              | name: Well Pump             | devices[2]: name must be lower-case words joined by dashes
            type: HEATER                 | type: KETTLE                | devices[3].type
            step: PT2M                   | step: PT2H                  | step: must be a positive duration of at most PT1H
            timezone: America/Denver     | timezone: Mars/Olympus      | timezone: 'Mars/Olympus' is not a time zone
            start: 2025-06-16T00:00      | start: next tuesday         | start: 'next tuesday' is neither an instant
            weather: [1.0, 0.95,         | weather: [3.0, 0.95,        | weather[0]: must be between 0 and 1.5
            pvPeakW: 14000               | pvPeakWatts: 14000          | site: unknown field 'pvPeakWatts'
            'duty: {runFor: PT20M, every: PT2H}' | 'duty: {runFor: PT3H, every: PT2H}' | devices[2].duty: duty needs runFor and every
            """)
    void explainsWhatIsWrongWithAScenario(String original, String broken, String message) {
        String text = read("summer-week.yaml");
        assertThat(text).contains(original);
        assertThatThrownBy(() -> Scenario.parse("broken.yaml", text.replaceFirst(java.util.regex.Pattern.quote(original),
                java.util.regex.Matcher.quoteReplacement(broken))))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("broken.yaml: ")
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            sparse-battery-readings.yaml | batteryEvery: PT15M | batteryEvery: PT1M  | readings.batteryEvery: must be at least the step PT2M (was PT1M)
            sparse-battery-readings.yaml | batteryEvery: PT15M | batteryEvery: PT7H  | readings: batteryEvery must be a positive duration of at most PT6H (was PT7H)
            sparse-battery-readings.yaml | batteryEvery: PT15M | 'batteryEvery: PT15M\\n  stuckSoc: [{start: PT1H, duration: PT2H, value: 120}]' | readings.stuckSoc[0]: value must be between 0 and 100 (was 120.0)
            sparse-battery-readings.yaml | batteryEvery: PT15M | 'batteryEvery: PT15M\\n  stuckSoc: [{start: PT1H}]' | readings.stuckSoc[0]: duration must be a positive duration such as PT1H (was null)
            sparse-battery-readings.yaml | batteryEvery: PT15M | 'batteryEvery: PT15M\\n  clockJumps: [{at: PT1H, by: P3D}]' | readings.clockJumps[0]: by must be a positive duration of at most P2D such as PT1H (was PT72H)
            relays-ignore-commands.yaml  | '- device: miner-2'  | '- device: hot-tub' | faults.ignoreCommands[0].device: 'hot-tub' is not a device of this scenario
            relays-ignore-commands.yaml  | 'start: PT17H'       | 'start: -PT1H'     | faults.ignoreCommands[0]: start must be a duration from the scenario start such as PT13H (was PT-1H)
            stop-through-night.yaml      | 'duration: PT14H'    | 'duration: PT0S'   | emergencyStops[0]: duration must be a positive duration such as PT1H (was PT0S)
            stop-through-night.yaml      | 'start: PT18H'       | 'begin: PT18H'     | emergencyStops[0]: start must be a duration from the scenario start such as PT13H (was null)
            """)
    void explainsWhatIsWrongWithReadingsRelayFaultsAndEmergencyStops(String file, String original, String broken,
                                                                     String message) {
        String text = read(file);
        assertThat(text).contains(original);
        assertThatThrownBy(() -> Scenario.parse("broken.yaml", text.replaceFirst(java.util.regex.Pattern.quote(original),
                java.util.regex.Matcher.quoteReplacement(broken.replace("\\n", "\n")))))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("broken.yaml: " + message);
    }

    @Test
    void readsSparseReadingsStuckSensorsClockJumpsIgnoredCommandsAndEmergencyStops() {
        Scenario s = Scenario.parse("all.yaml", read("sparse-battery-readings.yaml").replace("batteryEvery: PT15M", """
                batteryEvery: PT15M
                  stuckSoc: [{start: PT10H, duration: PT3H, value: 55}, {start: PT20H, duration: PT1H}]
                  clockJumps: [{at: PT6H, by: PT1H}, {at: PT30H, by: PT30M}]
                emergencyStops: [{start: PT18H, duration: PT12H}]
                faults:
                  ignoreCommands: [{device: miner-1, start: PT1H, duration: PT2H}]"""));

        assertThat(s.readings().batteryEvery()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.readings().stuckAt(Duration.ofHours(11)).value()).isEqualTo(55);
        assertThat(s.readings().stuckAt(Duration.ofMinutes(20 * 60 + 30)).value()).isNull();
        assertThat(s.readings().stuckAt(Duration.ofHours(14))).isNull();
        assertThat(s.readings().clockAheadAt(Duration.ofHours(5))).isZero();
        assertThat(s.readings().clockAheadAt(Duration.ofHours(6))).isEqualTo(Duration.ofHours(1));
        assertThat(s.readings().clockAheadAt(Duration.ofHours(31))).isEqualTo(Duration.ofMinutes(90));
        assertThat(s.emergencyStops()).singleElement().satisfies(w -> {
            assertThat(w.covers(Duration.ofHours(18))).isTrue();
            assertThat(w.covers(Duration.ofHours(30))).isFalse();
        });
        SiteModel model = new SiteModel(s);
        model.step(Duration.ofMinutes(90));
        assertThat(model.setRelay("miner-1", false)).isEqualTo(RelayOutcome.IGNORED);
        assertThat(model.setRelay("miner-2", false)).isEqualTo(RelayOutcome.SWITCHED);
        model.step(Duration.ofHours(2));
        assertThat(model.setRelay("miner-1", false)).isEqualTo(RelayOutcome.SWITCHED);
    }

    @Test
    void rejectsOfflineWindowsForUnknownDevices() {
        String text = read("fault-heavy-day.yaml").replace("- device: well-pump", "- device: hot-tub");
        assertThatThrownBy(() -> Scenario.parse("broken.yaml", text))
                .hasMessage("broken.yaml: faults.offline[0].device: 'hot-tub' is not a device of this scenario");
    }

    @Test
    void rejectsImpossibleFaultProbabilities() {
        String text = read("fault-heavy-day.yaml").replace("relayIgnoreProbability: 0.2", "relayIgnoreProbability: 2");
        assertThatThrownBy(() -> Scenario.parse("broken.yaml", text))
                .hasMessageContaining("faults: relayIgnoreProbability must be between 0 and 1 (was 2.0)");
    }

    @Test
    void readsTheCloudQuirksFromTheScenarioFile() {
        String text = read("fault-heavy-day.yaml").replace("relayIgnoreProbability: 0.2", """
                relayIgnoreProbability: 0.2
                  quirks:
                    solarkTokenLifetime: PT6H
                    solarkFrozen: [{start: PT12H, duration: PT20M}]
                    vrmNoData: [{start: PT3H, duration: PT30M}]""");

        Faults.Quirks quirks = Scenario.parse("quirky.yaml", text).faults().quirks();

        assertThat(quirks.solarkTokenLifetime()).isEqualTo(Duration.ofHours(6));
        assertThat(quirks.solarkFrozen()).containsExactly(new Faults.Window(Duration.ofHours(12), Duration.ofMinutes(20)));
        assertThat(quirks.vrmNoData()).containsExactly(new Faults.Window(Duration.ofHours(3), Duration.ofMinutes(30)));
        assertThat(Scenario.resolve("summer-week.yaml").faults().quirks()).as("none unless asked for")
                .isEqualTo(Faults.Quirks.NONE);
    }

    @Test
    void namesAMissingFile() {
        assertThatThrownBy(() -> Scenario.resolve("no-such-scenario.yaml"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("no-such-scenario.yaml: no such scenario file");
    }

    static String read(String name) {
        try {
            return Files.readString(Path.of("simulation/scenarios", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
