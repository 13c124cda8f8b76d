package io.commandcenter.ingest.shelly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceSwitch;
import io.commandcenter.ingest.CallSettings;
import io.commandcenter.ingest.SimulatedCloudTestSupport;
import io.commandcenter.sitemodel.Faults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Simultaneous relay calls against the simulator's Shelly Cloud with its real limit (one request per second per
 * account, 429 with Retry-After beyond). The client here does not retry; its account budget is either the real one
 * (1 request/s) or far too generous, so that only the switch's waiting out of 429s keeps the calls from failing.
 */
class ShellyCloudSwitchTests extends SimulatedCloudTestSupport {

    ShellyCloudClient client;
    List<Device> miners;

    @BeforeEach
    void realShellyLimit() {
        sim.faults().set(Faults.none());
        client = client(100);
        miners = sim.scenario().devices().stream().limit(3)
                .map(d -> new Device(d.name(), d.cloudId(), d.channel(), d.type(), d.ratedPowerW(), true, null, false))
                .toList();
    }

    private ShellyCloudClient client(int requestsPerSecond) {
        return new ShellyCloudClient(sim.shellyBaseUri(), sim.credentials().shellyAuthKey(),
                CallSettings.defaults().withRetries(1, Duration.ofMillis(10)), requestsPerSecond, Duration.ofSeconds(1),
                Clock.systemUTC());
    }

    private List<Throwable> readAllAtOnce(ShellyCloudSwitch relays) {
        List<CompletableFuture<DeviceSwitch.RelayStatus>> calls = miners.stream()
                .map(d -> CompletableFuture.supplyAsync(() -> relays.read(d))).toList();
        return IntStream.range(0, calls.size()).mapToObj(i -> {
            try {
                calls.get(i).join();
                return (Throwable) null;
            } catch (RuntimeException e) {
                return e;
            }
        }).filter(e -> e != null).toList();
    }

    @Test
    void collidesOnTheRateLimitWithATooGenerousBudget() {
        assertThat(readAllAtOnce(new ShellyCloudSwitch(client, Duration.ZERO))).isNotEmpty();
    }

    @Test
    void pacesSimultaneousCallsOfOneAccountWithTheAccountsBudget() {
        long started = System.nanoTime();

        List<Throwable> failures = readAllAtOnce(new ShellyCloudSwitch(client(1), Duration.ZERO));

        assertThat(failures).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(2200));
    }

    @Test
    void waitsOutA429InsteadOfFailing() {
        // A budget of 100/s: the calls collide, and the switch waits for the Retry-After the cloud answers.
        assertThat(readAllAtOnce(new ShellyCloudSwitch(client, Duration.ofSeconds(10)))).isEmpty();
    }
}
