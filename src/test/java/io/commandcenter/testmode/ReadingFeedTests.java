package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;

import io.commandcenter.engine.EngineSession;
import io.commandcenter.engine.facts.DailyWindow;
import io.commandcenter.engine.facts.PowerNow;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.timeseries.SolarReading;
import org.junit.jupiter.api.Test;

/** Shadow and replay runs treat a stale inverter flow as the live engine does: the flows become unknown. */
class ReadingFeedTests {

    static final Instant START = Instant.parse("2026-01-05T12:00:00Z");

    @Test
    void aStaleFlowTakesTheFlowsInForceAway() {
        var settings = new SiteSettings(20, 30, 80, 50, 80, 5000, DailyWindow.NEVER, DailyWindow.NEVER,
                10 * 60_000L, 60 * 60_000L, 0);
        try (EngineSession s = EngineSession.start(TestRules.production(), EngineSession.ClockMode.PSEUDO,
                ZoneOffset.UTC, START, settings, 1)) {
            ReadingFeed.solar(s, new SolarReading("home", START, 3000, 500, 0, 2500, 70));
            assertThat(s.facts(PowerNow.class)).hasSize(1);

            ReadingFeed.solar(s, new SolarReading("home", START.plusSeconds(60), 3000, 500, 0, 2500, 70, true,
                    START.minusSeconds(900)));

            assertThat(s.facts(PowerNow.class)).isEmpty();
        }
    }
}
