package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.commandcenter.testmode.SimulationReport.Action;
import io.commandcenter.testmode.SimulationReport.Alert;
import io.commandcenter.testmode.SimulationReport.Blocked;
import io.commandcenter.testmode.SimulationReport.DecisionDiff;
import io.commandcenter.testmode.SimulationReport.Extreme;
import io.commandcenter.testmode.SimulationReport.Point;
import io.commandcenter.testmode.SimulationReport.Summary;
import io.commandcenter.testmode.SimulationReport.Violation;
import org.junit.jupiter.api.Test;

/** report.html from hand-made reports: what the shipped scenarios never produce. */
class ReportHtmlTests {

    private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
    private static final String START = "2025-06-16T00:00:00Z";
    private static final String EVIL = "<script>alert(\"x\")</script> & 'quoted'";

    @Test
    void namesFromRulesScenariosAndDevicesAreEscapedEverywhere() {
        Action action = new Action("2025-06-16T06:00:00Z", EVIL, false, "rule " + EVIL, "SWITCHED", 44.0,
                List.of(EVIL, "other rule"));
        SimulationReport report = report("scenario " + EVIL, List.of(action),
                List.of(new Blocked("2025-06-16T07:00:00Z", EVIL, true, EVIL, "REFUSED", List.of(EVIL), 41.5,
                        List.of())),
                List.of(new Violation("SWITCHED_WITHIN_COOLDOWN", "2025-06-16T06:00:00Z", EVIL, "detail " + EVIL,
                        false)),
                List.of(new Alert("LOW_BATTERY", "2025-06-16T06:00:00Z", null, EVIL)), null, 12);

        String html = ReportHtml.render(report, VIENNA, null);

        assertThat(html).doesNotContain("<script", "alert(\"x\")", "'quoted'")
                .contains("<title>Simulation: scenario &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                        + "&#39;quoted&#39;</title>")
                .contains("<td>rule &lt;script&gt;")
                .contains("<p class=\"lead\">about scenario &lt;script&gt;")
                .contains("<title>Mon 16 Jun 08:00 — &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                        + "&#39;quoted&#39; off at 44.0 % — rule &lt;script&gt;")
                .contains("<title>SWITCHED_WITHIN_COOLDOWN: detail &lt;script&gt;")
                .contains("<td class=\"rules\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;"
                        + " · other rule</td>");
    }

    @Test
    void isOneFileWithNothingToFetch() {
        String html = ReportHtml.render(report("grid", List.of(), List.of(), List.of(), null, null, 12), VIENNA,
                Duration.ofMillis(250));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<svg class=\"chart\" viewBox=\"0 0 1100 380\"")
                .doesNotContain("<script", "<link", "src=", "http://", "https://", " th:", "<!--")
                .contains("<tr><td>Wall time</td><td>0.25 s (172,800× real time)</td></tr>")
                .contains("The rules switched nothing.", "No action was refused.", "<td>none</td><td></td>")
                .contains("Times are local to the site (Europe/Vienna). Rule set 0123456789ab. Test mode never touches");
    }

    @Test
    void drawsOneMarkerPerActionAndTheThresholds() {
        List<Action> actions = List.of(
                new Action("2025-06-16T06:00:00Z", "miner-1", false, "pause", "SWITCHED", 44.0, List.of("pause")),
                new Action("2025-06-16T09:00:00Z", "miner-1", true, "resume", "SWITCHED", 80.0, List.of("resume")));

        String html = ReportHtml.render(report("grid", actions, List.of(), List.of(), null, null, 12), VIENNA, null);

        assertThat(Pattern.compile("<polygon class=\"pause\" points=\"[\\d.]+,[\\d.]+ [\\d.]+,[\\d.]+ [\\d.]+,[\\d.]+\">")
                .matcher(html).results().count()).isEqualTo(1);
        assertThat(html).contains("<polygon class=\"resume\"", "<polyline class=\"soc\" points=\"56.0,",
                "<title>minSoc 20 %</title>", "<td class=\"pause\">off (pause)</td>", "<td class=\"resume\">on (resume)</td>")
                .doesNotContain("<rect class=\"violation\"", "safety violation</span>");
    }

    @Test
    void aSingleViolationByTheRulesRefusesTheRuleSetAndIsMarked() {
        SimulationReport report = report("grid", List.of(), List.of(), List.of(
                new Violation("SOC_BELOW_CRITICAL_WITH_LOAD_ON", "2025-06-16T03:00:00Z", "miner-1", "at 9 %", false),
                new Violation("SOC_BELOW_CRITICAL_WITH_LOAD_ON", "2025-06-16T04:00:00Z", "miner-2", "relay", true)),
                null, null, 12);

        String html = ReportHtml.render(report, VIENNA, null);

        assertThat(html).contains("<p class=\"verdict bad\">1 safety violation: this rule set would be refused. "
                        + "1 more where a relay refused the rules' off (see alerts).</p>")
                .contains("<h2 class=\"bad\">Safety violations (2)</h2>", "<rect class=\"violation\"",
                        "<span class=\"k violation\"></span>safety violation");
    }

    @Test
    void longTablesStopAtAThousandRowsAndSayHowManyMore() {
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < 1005; i++) {
            actions.add(new Action(Instant.parse(START).plusSeconds(30L * i).toString(), "miner-" + i, i % 2 == 0,
                    "rule", "SWITCHED", 50.0, List.of("rule")));
        }

        String html = ReportHtml.render(report("grid", actions, List.of(), List.of(), null, null, 12), VIENNA, null);

        assertThat(html).contains("<h2>Action timeline (1005)</h2>", "<p>… and 5 more in report.json.</p>",
                "<td>miner-999</td>").doesNotContain("<td>miner-1000</td>");
    }

    @Test
    void aReplayShowsItsDiffOrThatThereIsNone() {
        String same = ReportHtml.render(report("replay", List.of(), List.of(), List.of(), null, List.of(), 12), VIENNA,
                null);
        String differs = ReportHtml.render(report("replay", List.of(), List.of(), List.of(), null, List.of(
                new DecisionDiff("2025-06-16T06:00:00Z", "miner-1", false, "ONLY_LIVE", "ALLOWED (automation)",
                        "no action", List.of("a", "b"))), 12), VIENNA, null);

        assertThat(same).contains("<title>Replay: replay</title>", "Decisions that differ from the live rules (0)",
                "The candidate decided exactly as the live rules.");
        assertThat(differs).contains("<td>Mon 16 Jun 08:00</td><td>miner-1</td><td>off</td><td>ONLY_LIVE</td>"
                + "<td>ALLOWED (automation)</td><td>no action</td><td>a; b</td>");
    }

    @Test
    void tooFewSamplesGiveNoChart() {
        String html = ReportHtml.render(report("grid", List.of(), List.of(), List.of(), null, null, 1), VIENNA, null);

        assertThat(html).contains("<p>Too few samples for a chart.</p>").doesNotContain("<svg", "class=\"legend\"");
    }

    /** A 12-hour report with {@code samples} points; a diff makes it a replay. */
    private static SimulationReport report(String scenario, List<Action> actions, List<Blocked> blocked,
                                           List<Violation> violations, List<Alert> alerts, List<DecisionDiff> diff,
                                           int samples) {
        List<Point> series = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            series.add(new Point(Instant.parse(START).plusSeconds(3600L * i).toString(), 30 + 5 * i, 1000 * i, 800, 0));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("criticalSoc", "10");
        settings.put("minSoc", "20");
        Summary summary = new Summary(diff == null ? "simulation" : "replay", scenario, "about " + scenario, 1,
                "0123456789abcdef", settings, START, "2025-06-16T12:00:00Z", 12, 1440, 30,
                new Extreme(30, START), new Extreme(85, "2025-06-16T11:00:00Z"), 0, Map.of("miner-1", 3.5),
                Map.of("miner-1", 2.0), 40, 30, 0, 10, 0, 0, actions.size(), Map.of(), Map.of(), blocked.size(),
                Map.of(), violations.size(), alerts == null ? 0 : alerts.size());
        return new SimulationReport(summary, actions, blocked, series, violations, alerts, diff, List.of());
    }
}
