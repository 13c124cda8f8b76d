package io.commandcenter.ingest.shelly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.commandcenter.ingest.CallSettings;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.SimulatedCloudTestSupport;
import io.commandcenter.simulation.Faults;
import org.junit.jupiter.api.Test;

/**
 * Polls and relay commands of one account at real speed against the simulator's real Shelly limit (1 request/s,
 * 429 beyond). No try is repeated here, so a single 429 would show as a failed call.
 */
class ShellyAccountBudgetOnSimulatorTests extends SimulatedCloudTestSupport {

    @Test
    void pollsAndCommandsTogetherGetNo429() throws Exception {
        sim.faults().set(Faults.none());
        var client = new ShellyCloudClient(sim.shellyBaseUri(), sim.credentials().shellyAuthKey(), ShellyApi.V2,
                CallSettings.defaults().withRetries(1, Duration.ofMillis(10)),
                ShellyCloudClient.budgetFor(1, Duration.ofSeconds(1)), Clock.systemUTC());
        List<String> ids = sim.scenario().devices().stream().map(d -> d.cloudId()).distinct().toList();
        String miner = sim.scenario().devices().get(0).cloudId();
        long started = System.nanoTime();
        long until = started + Duration.ofSeconds(7).toNanos();
        AtomicInteger tooMany = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger commands = new AtomicInteger();

        CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> {
            while (System.nanoTime() < until) {
                try {
                    if (client.statuses(ids).size() == ids.size()) {
                        polls.incrementAndGet();
                    }
                } catch (CloudException e) {
                    if (e.status() == 429) {
                        tooMany.incrementAndGet();
                    }
                }
            }
        });
        CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> {
            boolean on = false;
            while (System.nanoTime() < until) {
                try {
                    // a command as the pipeline does it: read, send, read back
                    client.status(miner);
                    client.setRelay(miner, 0, on);
                    if (client.status(miner).channel(0).orElseThrow().on() == on) {
                        commands.incrementAndGet();
                    }
                    on = !on;
                    Thread.sleep(1500);
                } catch (CloudException e) {
                    if (e.status() == 429) {
                        tooMany.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        CompletableFuture.allOf(poller, operator).get();
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(tooMany).hasValue(0);
        assertThat(commands.get()).isGreaterThanOrEqualTo(1);
        assertThat(polls.get()).isGreaterThanOrEqualTo(1);
        // every request took its own turn, 1.1 s apart: never more than the run could hold
        assertThat(client.budget().turnsTaken()).isLessThanOrEqualTo(elapsedMillis / 1100 + 1);
    }
}
