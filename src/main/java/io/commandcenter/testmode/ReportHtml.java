package io.commandcenter.testmode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.commandcenter.testmode.SimulationReport.Action;
import io.commandcenter.testmode.SimulationReport.Blocked;
import io.commandcenter.testmode.SimulationReport.DecisionDiff;
import io.commandcenter.testmode.SimulationReport.Point;
import io.commandcenter.testmode.SimulationReport.Summary;
import io.commandcenter.testmode.SimulationReport.Violation;

/**
 * {@code report.html}: one self-contained page (inline SVG and CSS, no scripts, no network) with the
 * summary, a chart of charge, solar and load with every action marked, the action timeline with the
 * rules that fired, refused actions, violations and, for a replay, the decision diff.
 */
public final class ReportHtml {

    private static final int WIDTH = 1100, HEIGHT = 380, LEFT = 56, RIGHT = 64, TOP = 20, BOTTOM = 40;
    private static final int MAX_TABLE_ROWS = 1000;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private ReportHtml() {
    }

    /**
     * @param zone     the site's zone, for local times on the page
     * @param wallTime how long the run took, null when unknown (shown, never stored in the JSON)
     */
    public static String render(SimulationReport report, ZoneId zone, Duration wallTime) {
        Summary s = report.summary();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(titleOf(s))).append("</title>\n<style>\n").append(CSS).append("</style></head><body>\n");
        h.append("<h1>").append(esc(titleOf(s))).append("</h1>\n");
        if (s.description() != null && !s.description().isBlank()) {
            h.append("<p class=\"lead\">").append(esc(s.description())).append("</p>\n");
        }
        int violations = RunRecorder.rulesViolations(report.violations()).size();
        int hardware = report.violations().size() - violations;
        h.append("<p class=\"verdict ").append(violations == 0 ? "ok\">No safety violations by the rules." : "bad\">"
                + violations + " safety violation" + (violations == 1 ? "" : "s") + ": this rule set would be refused.")
                .append(hardware == 0 ? "" : " " + hardware + " more where a relay refused the rules' off (see alerts).")
                .append("</p>\n");
        h.append("<h2>Charge, solar and load</h2>\n");
        chart(h, report, zone);
        summary(h, s, zone, wallTime);
        if (!report.violations().isEmpty()) {
            violations(h, report.violations(), zone);
        }
        if (report.alerts() != null && !report.alerts().isEmpty()) {
            alerts(h, report.alerts(), zone);
        }
        if (report.diff() != null) {
            diff(h, report.diff(), zone);
        }
        actions(h, report.actions(), zone);
        blocked(h, report.blocked(), zone);
        h.append("<p class=\"foot\">Times are local to the site (").append(esc(zone.getId()))
                .append("). Rule set ").append(esc(s.rules().substring(0, Math.min(12, s.rules().length()))))
                .append(". Test mode never touches real devices.</p>\n</body></html>\n");
        return h.toString();
    }

    private static String titleOf(Summary s) {
        return ("replay".equals(s.kind()) ? "Replay: " : "Simulation: ") + s.scenario();
    }

    private static void summary(StringBuilder h, Summary s, ZoneId zone, Duration wallTime) {
        h.append("<h2>Summary</h2>\n<div class=\"cols\"><table class=\"kv\">\n");
        row(h, "Simulated span", local(s.start(), zone) + " → " + local(s.end(), zone) + " ("
                + Numbers.format(s.simulatedHours()) + " h, " + s.steps() + " steps of " + s.stepSeconds() + " s)");
        if (wallTime != null) {
            double speed = wallTime.isZero() ? 0 : s.simulatedHours() * 3_600_000_000_000.0 / wallTime.toNanos();
            row(h, "Wall time", String.format(Locale.ROOT, "%.2f s (%,.0f× real time)", wallTime.toNanos() / 1e9,
                    speed));
        }
        row(h, "Lowest charge", s.minSoc() == null ? "–" : s.minSoc().value() + " % at " + local(s.minSoc().at(), zone));
        row(h, "Highest charge", s.maxSoc() == null ? "–" : s.maxSoc().value() + " % at " + local(s.maxSoc().at(), zone));
        row(h, "Hours below minimum charge", Numbers.format(s.hoursBelowMinSoc()) + " h (minimum "
                + s.settings().get("minSoc") + " %)");
        row(h, "Solar / load", Numbers.format(s.pvKwh()) + " kWh / " + Numbers.format(s.loadKwh()) + " kWh");
        row(h, "Grid import / export", Numbers.format(s.gridImportKwh()) + " kWh / " + Numbers.format(s.gridExportKwh())
                + " kWh");
        row(h, "Curtailed solar / unmet load", Numbers.format(s.curtailedKwh()) + " kWh / "
                + Numbers.format(s.unmetKwh()) + " kWh");
        row(h, "Actions / refused", s.actionCount() + " / " + s.blockedCount());
        row(h, "Safety violations", Integer.toString(s.violationCount()));
        h.append("</table>\n<table class=\"kv\">\n");
        h.append("<tr><th colspan=\"2\">Energy per device</th></tr>\n");
        s.energyKwh().forEach((d, kwh) -> row(h, d, Numbers.format(kwh) + " kWh"));
        h.append("<tr><th colspan=\"2\">Miner run hours</th></tr>\n");
        s.minerRunHours().forEach((d, hours) -> row(h, d, Numbers.format(hours) + " h"));
        h.append("<tr><th colspan=\"2\">Actions per device</th></tr>\n");
        counts(h, s.actionsPerDevice());
        h.append("<tr><th colspan=\"2\">Actions per rule</th></tr>\n");
        counts(h, s.actionsPerRule());
        h.append("<tr><th colspan=\"2\">Refused, by reason</th></tr>\n");
        counts(h, s.blockedPerReason());
        h.append("</table>\n<table class=\"kv\">\n<tr><th colspan=\"2\">Settings</th></tr>\n");
        s.settings().forEach((k, v) -> row(h, k, v));
        h.append("</table></div>\n");
    }

    private static void counts(StringBuilder h, Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            row(h, "none", "");
        }
        counts.forEach((k, v) -> row(h, k, Integer.toString(v)));
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><td>").append(esc(key)).append("</td><td>").append(esc(value)).append("</td></tr>\n");
    }

    // ---- chart ------------------------------------------------------------------------------

    private static void chart(StringBuilder h, SimulationReport report, ZoneId zone) {
        List<Point> points = report.series();
        if (points.size() < 2) {
            h.append("<p>Too few samples for a chart.</p>\n");
            return;
        }
        long t0 = Instant.parse(report.summary().start()).toEpochMilli();
        long t1 = Instant.parse(report.summary().end()).toEpochMilli();
        double maxKw = 1;
        for (Point p : points) {
            maxKw = Math.max(maxKw, Math.max(p.pvW(), p.loadW()) / 1000);
        }
        maxKw = Math.ceil(maxKw / 5) * 5; // five grid lines at whole kW
        double plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM;
        Chart c = new Chart(t0, t1, plotW, plotH, maxKw);
        h.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"charge, solar and load\">\n");
        // grid and axes
        for (int soc = 0; soc <= 100; soc += 20) {
            double y = c.ySoc(soc);
            h.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d %%</text>"
                    + "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\">%s kW</text>\n", LEFT, LEFT + plotW, y, y, LEFT - 6,
                    y + 4, soc, LEFT + plotW + 6, y + 4, Numbers.format(Numbers.round(maxKw * soc / 100, 1))));
        }
        ZonedDateTime day = Instant.ofEpochMilli(t0).atZone(zone).truncatedTo(ChronoUnit.DAYS);
        long days = Math.max(1, (t1 - t0) / 86_400_000L);
        int dayStep = (int) Math.max(1, days / 14);
        for (int i = 0; !day.toInstant().isAfter(Instant.ofEpochMilli(t1)); day = day.plusDays(1), i++) {
            long t = day.toInstant().toEpochMilli();
            if (t < t0 || i % dayStep != 0 || c.x(t) > LEFT + plotW - 60) {
                continue;
            }
            double x = c.x(t);
            h.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\"/>"
                    + "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\">%s</text>\n", x, x, TOP, TOP + plotH, x + 3,
                    TOP + plotH + 16, DAY.format(day)));
        }
        thresholds(h, c, report.summary().settings(), plotW);
        polyline(h, points, c, "pv", p -> c.yKw(p.pvW() / 1000));
        polyline(h, points, c, "load", p -> c.yKw(p.loadW() / 1000));
        polyline(h, points, c, "soc", p -> c.ySoc(p.soc()));
        for (Violation v : report.violations()) {
            double x = c.x(Instant.parse(v.at()).toEpochMilli());
            h.append(String.format(Locale.ROOT, "<rect class=\"violation\" x=\"%.1f\" y=\"%d\" width=\"3\" height=\"%.1f\">"
                    + "<title>%s</title></rect>\n", x - 1.5, TOP, plotH, esc(v.type() + ": " + v.detail())));
        }
        for (Action a : report.actions()) {
            double x = c.x(Instant.parse(a.at()).toEpochMilli());
            double y = c.ySoc(a.soc());
            String shape = a.on()
                    ? String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f %.1f,%.1f", x, y - 7, x - 6, y + 5, x + 6, y + 5)
                    : String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f %.1f,%.1f", x, y + 7, x - 6, y - 5, x + 6, y - 5);
            h.append("<polygon class=\"").append(a.on() ? "resume" : "pause").append("\" points=\"").append(shape)
                    .append("\"><title>").append(esc(local(a.at(), zone) + " — " + a.device() + (a.on() ? " on" : " off")
                            + " at " + a.soc() + " % — " + a.rule() + " (relay " + a.relay() + ")"))
                    .append("</title></polygon>\n");
        }
        h.append(String.format(Locale.ROOT, "<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\"/>\n",
                LEFT, TOP, plotW, plotH));
        h.append("</svg>\n<p class=\"legend\"><span class=\"k soc\"></span>charge (%, left) "
                + "<span class=\"k pv\"></span>solar available (kW, right) <span class=\"k load\"></span>load (kW, right) "
                + "<span class=\"m pause\">▼</span>switched off (paused) <span class=\"m resume\">▲</span>switched on "
                + "(resumed) <span class=\"k thr\"></span>thresholds"
                + (report.violations().isEmpty() ? "" : " <span class=\"k violation\"></span>safety violation")
                + " — hover a marker for the rule.</p>\n");
    }

    private static void thresholds(StringBuilder h, Chart c, Map<String, String> settings, double plotW) {
        for (String name : List.of("criticalSoc", "minSoc", "pauseMinersBelow", "resumeMinersAbove")) {
            String v = settings.get(name);
            if (v == null) {
                continue;
            }
            double y = c.ySoc(Double.parseDouble(v));
            h.append(String.format(Locale.ROOT, "<line class=\"thr\" x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\">"
                    + "<title>%s %s %%</title></line>\n", LEFT, LEFT + plotW, y, y, name, v));
        }
    }

    private interface Y {
        double of(Point p);
    }

    private static void polyline(StringBuilder h, List<Point> points, Chart c, String cls, Y y) {
        h.append("<polyline class=\"").append(cls).append("\" points=\"");
        for (Point p : points) {
            h.append(String.format(Locale.ROOT, "%.1f,%.1f ", c.x(Instant.parse(p.at()).toEpochMilli()), y.of(p)));
        }
        h.append("\"/>\n");
    }

    private record Chart(long t0, long t1, double plotW, double plotH, double maxKw) {
        double x(long t) {
            return LEFT + plotW * (t - t0) / Math.max(1, t1 - t0);
        }

        double ySoc(double soc) {
            return TOP + plotH * (1 - Math.max(0, Math.min(100, soc)) / 100);
        }

        double yKw(double kw) {
            return TOP + plotH * (1 - Math.max(0, Math.min(maxKw, kw)) / maxKw);
        }
    }

    // ---- tables -----------------------------------------------------------------------------

    private static void actions(StringBuilder h, List<Action> actions, ZoneId zone) {
        h.append("<h2>Action timeline (").append(actions.size()).append(")</h2>\n");
        if (actions.isEmpty()) {
            h.append("<p>The rules switched nothing.</p>\n");
            return;
        }
        h.append("<table class=\"list\"><tr><th>time</th><th>device</th><th>action</th><th>charge</th>"
                + "<th>proposed by</th><th>relay</th><th>rules that fired</th></tr>\n");
        for (Action a : actions.subList(0, Math.min(actions.size(), MAX_TABLE_ROWS))) {
            h.append("<tr><td>").append(esc(local(a.at(), zone))).append("</td><td>").append(esc(a.device()))
                    .append("</td><td class=\"").append(a.on() ? "resume\">on (resume)" : "pause\">off (pause)")
                    .append("</td><td>").append(a.soc()).append(" %</td><td>").append(esc(a.rule()))
                    .append("</td><td>").append(esc(a.relay())).append("</td><td class=\"rules\">")
                    .append(esc(String.join(" · ", a.firedRules()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        more(h, actions.size());
    }

    private static void blocked(StringBuilder h, List<Blocked> blocked, ZoneId zone) {
        h.append("<h2>Refused actions (").append(blocked.size()).append(")</h2>\n");
        if (blocked.isEmpty()) {
            h.append("<p>No action was refused.</p>\n");
            return;
        }
        h.append("<table class=\"list\"><tr><th>time</th><th>device</th><th>asked</th><th>charge</th>"
                + "<th>proposed by</th><th>outcome</th><th>why</th></tr>\n");
        for (Blocked b : blocked.subList(0, Math.min(blocked.size(), MAX_TABLE_ROWS))) {
            h.append("<tr><td>").append(esc(local(b.at(), zone))).append("</td><td>").append(esc(b.device()))
                    .append("</td><td>").append(b.on() ? "on" : "off").append("</td><td>").append(b.soc())
                    .append(" %</td><td>").append(esc(b.rule())).append("</td><td>").append(esc(b.outcome()))
                    .append("</td><td>").append(esc(String.join("; ", b.reasons()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        more(h, blocked.size());
    }

    private static void violations(StringBuilder h, List<Violation> violations, ZoneId zone) {
        h.append("<h2 class=\"bad\">Safety violations (").append(violations.size()).append(")</h2>\n");
        h.append("<table class=\"list\"><tr><th>time</th><th>type</th><th>device</th><th>what happened</th></tr>\n");
        for (Violation v : violations.subList(0, Math.min(violations.size(), MAX_TABLE_ROWS))) {
            h.append("<tr><td>").append(esc(local(v.at(), zone))).append("</td><td>").append(esc(v.type()))
                    .append("</td><td>").append(esc(v.device())).append("</td><td>").append(esc(v.detail()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        more(h, violations.size());
    }

    private static void alerts(StringBuilder h, List<SimulationReport.Alert> alerts, ZoneId zone) {
        h.append("<h2>Alerts the owner would have been sent (").append(alerts.size()).append(")</h2>\n");
        h.append("<table class=\"list\"><tr><th>time</th><th>type</th><th>device</th><th>message</th></tr>\n");
        for (SimulationReport.Alert a : alerts.subList(0, Math.min(alerts.size(), MAX_TABLE_ROWS))) {
            h.append("<tr><td>").append(esc(local(a.at(), zone))).append("</td><td>").append(esc(a.type()))
                    .append("</td><td>").append(esc(a.device() == null ? "" : a.device())).append("</td><td>")
                    .append(esc(a.detail())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        more(h, alerts.size());
    }

    private static void diff(StringBuilder h, List<DecisionDiff> diff, ZoneId zone) {
        h.append("<h2>Decisions that differ from the live rules (").append(diff.size()).append(")</h2>\n");
        if (diff.isEmpty()) {
            h.append("<p>The candidate decided exactly as the live rules.</p>\n");
            return;
        }
        h.append("<table class=\"list\"><tr><th>time</th><th>device</th><th>asked</th><th>change</th><th>live</th>"
                + "<th>candidate</th><th>candidate's reasons</th></tr>\n");
        for (DecisionDiff d : diff.subList(0, Math.min(diff.size(), MAX_TABLE_ROWS))) {
            h.append("<tr><td>").append(esc(local(d.at(), zone))).append("</td><td>").append(esc(d.device()))
                    .append("</td><td>").append(d.on() ? "on" : "off").append("</td><td>").append(esc(d.change()))
                    .append("</td><td>").append(esc(d.live())).append("</td><td>").append(esc(d.candidate()))
                    .append("</td><td>").append(esc(String.join("; ", d.candidateReasons()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        more(h, diff.size());
    }

    private static void more(StringBuilder h, int size) {
        if (size > MAX_TABLE_ROWS) {
            h.append("<p>… and ").append(size - MAX_TABLE_ROWS).append(" more in report.json.</p>\n");
        }
    }

    private static String local(String utc, ZoneId zone) {
        return LOCAL.format(Instant.parse(utc).atZone(zone));
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
            h1{margin:0 0 4px}h2{margin-top:28px;border-bottom:1px solid #ddd}
            .lead{color:#555;margin-top:0}.verdict{font-weight:600;padding:6px 10px;display:inline-block;border-radius:4px}
            .ok{background:#e5f5e8;color:#1d6b2c}.bad{background:#fde8e8;color:#a11}h2.bad{background:none}
            .cols{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}
            table{border-collapse:collapse}td,th{padding:3px 8px;text-align:left;vertical-align:top}
            .kv td:first-child{color:#555}.kv th{padding-top:10px}
            .list tr:nth-child(even){background:#f6f6f6}.list th{background:#eee}
            td:first-child{white-space:nowrap}td.pause{color:#c0392b}td.resume{color:#1e8449}td.rules{font-size:12px;color:#555}
            svg.chart{width:100%;height:auto;background:#fff;border:1px solid #ddd}
            .grid{stroke:#eee}.frame{fill:none;stroke:#bbb}.axis{font-size:11px;fill:#666}
            polyline{fill:none;stroke-width:1.5}.soc{stroke:#1f77b4;stroke-width:2}.pv{stroke:#f0a500}.load{stroke:#888}
            .thr{stroke:#b36;stroke-dasharray:4 4;stroke-width:1}
            polygon.pause{fill:#c0392b}polygon.resume{fill:#1e8449}rect.violation{fill:#e74c3c;opacity:.5}
            .legend .k{display:inline-block;width:18px;height:3px;margin:0 4px 3px 10px;background:#888}
            .legend .k.soc{background:#1f77b4}.legend .k.pv{background:#f0a500}.legend .k.thr{background:#b36}
            .legend .k.violation{background:#e74c3c;height:10px;width:4px}
            .legend .m{margin-left:10px}.m.pause{color:#c0392b}.m.resume{color:#1e8449}
            .foot{color:#777;font-size:12px;margin-top:24px}
            """;
}
