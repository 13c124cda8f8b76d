package io.commandcenter.ingest.shelly;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.commandcenter.ingest.CallSettings;
import io.commandcenter.ingest.CloudException;
import org.springframework.modulith.NamedInterface;

/**
 * The measuring half of {@code bench-shelly}: polls and relay commands of one Shelly account at real speed, no try
 * repeated, counting what got through. The account (the simulator's, in the benchmark) comes from the caller.
 */
@NamedInterface("benchmarks") // the benchmark lives with the simulator it runs against
public final class ShellyBudgetProbe {

    /**
     * @param tooManyRequests 429 answers seen by any call
     * @param pollsComplete   poll rounds that read every device
     * @param pollsCut        poll rounds that got no turn for part (or all) of their requests
     * @param commands        commands (read, switch, read back) that ended with the relay as asked
     * @param commandsFailed  commands that failed for any other reason
     * @param requests        requests the budget let through
     * @param commandMillis   duration of each command, ms, sorted
     */
    public record Figures(int tooManyRequests, int pollsComplete, int pollsCut, int commands, int commandsFailed,
                          long requests, List<Long> commandMillis, long elapsedMillis) {

        /** The command duration at fraction {@code p} (0..1) of the sorted durations, ms; 0 without commands. */
        public long percentile(double p) {
            return commandMillis.isEmpty() ? 0 : commandMillis.get((int) Math.min(commandMillis.size() - 1,
                    Math.floor(p * commandMillis.size())));
        }
    }

    private ShellyBudgetProbe() {
    }

    /**
     * Polls {@code deviceIds} back to back and, every {@code commandEvery}, switches {@code relay}'s
     * {@code channel} for {@code length}, at the account's real budget of one request per second.
     */
    public static Figures measure(URI baseUrl, String authKey, ShellyApi api, List<String> deviceIds, String relay,
                                  int channel, Duration length, Duration commandEvery) {
        var client = new ShellyCloudClient(baseUrl, authKey, api,
                CallSettings.defaults().withRetries(1, Duration.ofMillis(10)),
                ShellyCloudClient.budgetFor(1, Duration.ofSeconds(1)), Clock.systemUTC());
        List<String> ids = List.copyOf(deviceIds);
        long started = System.nanoTime();
        long until = started + length.toNanos();
        AtomicInteger tooMany = new AtomicInteger();
        AtomicInteger pollsComplete = new AtomicInteger();
        AtomicInteger pollsCut = new AtomicInteger();
        AtomicInteger commands = new AtomicInteger();
        AtomicInteger commandsFailed = new AtomicInteger();
        List<Long> commandMillis = Collections.synchronizedList(new ArrayList<>());

        CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> {
            while (System.nanoTime() < until) {
                try {
                    (client.statuses(ids).size() == ids.size() ? pollsComplete : pollsCut).incrementAndGet();
                } catch (CloudException e) {
                    (e.status() == 429 ? tooMany : pollsCut).incrementAndGet();
                }
            }
        });
        CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> {
            boolean on = false;
            while (System.nanoTime() < until) {
                long commandStarted = System.nanoTime();
                try {
                    // a command as the control pipeline does it: read, send, read back
                    client.status(relay);
                    client.setRelay(relay, channel, on);
                    boolean asked = on;
                    boolean done = client.status(relay).channel(channel).map(c -> Boolean.valueOf(asked).equals(c.on()))
                            .orElse(false);
                    (done ? commands : commandsFailed).incrementAndGet();
                    commandMillis.add(Duration.ofNanos(System.nanoTime() - commandStarted).toMillis());
                } catch (CloudException e) {
                    (e.status() == 429 ? tooMany : commandsFailed).incrementAndGet();
                }
                on = !on;
                try {
                    Thread.sleep(commandEvery.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        CompletableFuture.allOf(poller, operator).join();
        List<Long> sorted = new ArrayList<>(commandMillis);
        Collections.sort(sorted);
        return new Figures(tooMany.get(), pollsComplete.get(), pollsCut.get(), commands.get(), commandsFailed.get(),
                client.budget().turnsTaken(), List.copyOf(sorted), Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}
