package io.commandcenter.ingest.shelly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.device.DeviceService;
import io.commandcenter.device.DeviceType;
import io.commandcenter.ingest.IngestTest;
import io.commandcenter.ingest.MutableClock;
import io.commandcenter.ingest.internal.AccountPoller;
import io.commandcenter.ingest.internal.PollRunner;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.sitemodel.Faults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IngestTest
class ShellyPollerIntegrationTests {

    @Autowired AccountPoller<ShellyPoller> account;
    ShellyPoller poller;
    @Autowired PollRunner runner;
    @Autowired DeviceService devices;
    @Autowired DeviceRegistry registry;
    @Autowired EmbeddedSimulator embedded;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void registeredSimulatorDevices() {
        poller = account.current();
        jdbc.sql(IngestTest.TRUNCATE).update();
        embedded.simulator().reset();
        embedded.simulator().faults().clear();
        devices.discover();
    }

    @Test
    void discoversTheSimulatorsRelaysByTheirAppNamesAndGuessesTheirTypes() {
        assertThat(registry.findAll()).extracting(Device::name, Device::type).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("miner-1", DeviceType.MINER),
                org.assertj.core.groups.Tuple.tuple("miner-2", DeviceType.MINER),
                org.assertj.core.groups.Tuple.tuple("well-pump", DeviceType.PUMP),
                org.assertj.core.groups.Tuple.tuple("water-heater", DeviceType.HEATER));
    }

    @Test
    void storesAReadingPerRegisteredRelayAndMarksThemSeen() {
        var result = runner.run(poller);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.readings()).isEqualTo(4);
        var miner = embedded.simulator().state().device("miner-1").orElseThrow();
        Map<String, Object> row = jdbc.sql("SELECT online, relay_on, power FROM shelly.power_readings WHERE device = 'miner-1'")
                .query().singleRow();
        assertThat(row.get("online")).isEqualTo(true);
        assertThat(row.get("relay_on")).isEqualTo(miner.on());
        assertThat((Double) row.get("power")).isCloseTo(miner.powerW(), org.assertj.core.api.Assertions.within(0.1));
        assertThat(registry.findByName("miner-1").orElseThrow().lastSeen()).isEqualTo(clock.instant());
    }

    @Test
    void recordsAnOfflineDeviceAsOfflineWithNoNumbers() {
        runner.run(poller);
        var seenBefore = registry.findByName("miner-1").orElseThrow().lastSeen();
        clock.advance(Duration.ofMinutes(2));
        embedded.simulator().faults().set(Faults.noneAndUnlimited()
                .withShellyCloud(Faults.Api.NONE.withOfflineDevices(1)));

        var result = runner.run(poller);

        assertThat(result.succeeded()).isTrue();
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT online, relay_on, power, voltage, current, energy_total_wh FROM shelly.power_readings
                WHERE device = 'miner-1' AND at = :at
                """).param("at", java.sql.Timestamp.from(clock.instant())).query().listOfRows();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("online")).isEqualTo(false);
            assertThat(row.get("relay_on")).isNull();
            assertThat(row.get("power")).isNull();
            assertThat(row.get("voltage")).isNull();
            assertThat(row.get("current")).isNull();
            assertThat(row.get("energy_total_wh")).isNull();
        });
        Device miner = registry.findByName("miner-1").orElseThrow();
        assertThat(miner.online()).isFalse();
        assertThat(miner.lastSeen()).isEqualTo(seenBefore);
    }

    @Test
    void polledNothingWhenNoDeviceIsRegistered() {
        jdbc.sql("TRUNCATE shelly.devices").update();

        var result = runner.run(poller);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.readings()).isZero();
    }
}
