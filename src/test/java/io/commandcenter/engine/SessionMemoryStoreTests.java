package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.commandcenter.engine.EngineSession.ClockMode;
import io.commandcenter.engine.EngineSession.MemoryChange;
import io.commandcenter.engine.facts.LastCommand;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The store never loses a change: one whose write failed goes with the next write, and shutdown writes the rest. */
class SessionMemoryStoreTests {

    /** Refuses the first write, as a database that is briefly away would. */
    static final class FirstWriteFails extends SessionMemoryRepository {
        final AtomicInteger attempts = new AtomicInteger();
        final List<MemoryChange> written = new CopyOnWriteArrayList<>();

        FirstWriteFails() {
            super(null);
        }

        @Override
        void save(String site, MemoryChange change) {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("database away");
            }
            written.add(change);
        }
    }

    private static MemoryChange command(String device, boolean on, long at) {
        return new MemoryChange(List.of(new LastCommand(device, on, Source.MANUAL, "alice", at, 0, false)), Set.of(),
                List.of(), Set.of(), false, null, null);
    }

    /** The writer thread as the application configures it, outside Spring. */
    private static ThreadPoolTaskExecutor writer() {
        ThreadPoolTaskExecutor writer = new EngineConfiguration().engineMemoryThread();
        writer.initialize();
        return writer;
    }

    private static EngineProperties remember(boolean remember) {
        return new EngineProperties("home", ZoneOffset.UTC, ClockMode.REALTIME, remember);
    }

    @Test
    void aChangeWhoseWriteFailedIsWrittenWithALaterOne() {
        FirstWriteFails repository = new FirstWriteFails();
        SessionMemoryStore store = new SessionMemoryStore(repository, remember(true), writer());

        store.save("home", command("pump", false, 1));
        store.save("home", command("heater", true, 2));
        store.save("home", command("pump", true, 3));
        store.flush();

        List<LastCommand> last = repository.written.stream().flatMap(c -> c.lastCommands().stream()).toList();
        assertThat(last).extracting(LastCommand::device).contains("pump", "heater");
        assertThat(last.stream().filter(c -> c.device().equals("pump")).reduce((a, b) -> b).orElseThrow().on())
                .as("the newest pump command is the one stored last").isTrue();
    }

    @Test
    void switchedOffItNeitherLoadsNorWrites() {
        FirstWriteFails repository = new FirstWriteFails();
        SessionMemoryStore store = new SessionMemoryStore(repository, remember(false), writer());

        store.save("home", command("pump", false, 1));
        store.flush();

        assertThat(repository.attempts).hasValue(0);
        assertThat(store.load("home")).isEqualTo(EngineSession.Memory.NOTHING);
    }
}
