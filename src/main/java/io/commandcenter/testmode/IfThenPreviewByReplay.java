package io.commandcenter.testmode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.commandcenter.engine.IfThenPreview;
import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.facts.SiteSettings;
import org.springframework.stereotype.Component;

/** The if/then preview as a replay of the stored readings of the window, live rules beside the candidate. */
@Component
class IfThenPreviewByReplay implements IfThenPreview {

    private static final int MAX_LINES = 200;

    private final StoredReadings stored;
    private final LiveAutomation automation;
    private final Clock clock;
    private final ZoneId zone;

    IfThenPreviewByReplay(StoredReadings stored, Clock clock, TestModeProperties properties, LiveAutomation automation) {
        this.automation = automation;
        this.stored = stored;
        this.clock = clock;
        this.zone = properties.zone();
    }

    @Override
    public Preview preview(RuleSet live, RuleSet candidate, SiteSettings settings, Duration window) {
        Instant to = clock.instant();
        RecordedReadings readings = stored.window(to.minus(window), to, zone);
        int count = readings.battery().size() + readings.solar().size() + readings.devices().size();
        if (readings.isEmpty()) {
            return new Preview(window, 0, List.of(), List.of(), List.of());
        }
        Automation now = automation.current();
        RunResult result = Replay.run(readings, new Replay.Side(live, settings, now),
                new Replay.Side(candidate, settings, now), 2, progress -> { });
        List<String> differences = result.report().diff().stream().limit(MAX_LINES)
                .map(d -> d.at() + " " + d.device() + (d.on() ? " on" : " off") + ": " + d.change()
                        + " (live: " + d.live() + ", with the rule: " + d.candidate() + ")")
                .toList();
        List<String> violations = result.report().violations().stream()
                .map(v -> v.at() + " " + v.device() + ": " + v.type() + " " + v.detail()).toList();
        List<String> alsoDoes = result.report().automation().stream().filter(a -> !a.alsoLive()).limit(MAX_LINES)
                .map(a -> a.at() + " " + a.what() + ": " + a.detail() + " (" + a.by() + ")").toList();
        return new Preview(window, count, differences, violations, alsoDoes);
    }
}
