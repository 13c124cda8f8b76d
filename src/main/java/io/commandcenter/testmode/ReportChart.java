package io.commandcenter.testmode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.commandcenter.testmode.SimulationReport.Action;
import io.commandcenter.testmode.SimulationReport.Point;

/**
 * The geometry of the report's chart, in SVG user units, for {@code templates/testmode/report.html} to draw:
 * charge on the left axis (0–100 %), solar and load on the right (0 to a whole multiple of 5 kW), local days
 * along the bottom. Coordinates are rounded to a tenth, which is finer than a pixel and keeps the page small.
 *
 * @param plotLeft    left edge of the plot area; the charge labels end just left of it
 * @param plotRight   right edge; the kW labels start just right of it
 * @param levels      the horizontal grid lines, one per 20 % of charge
 * @param days        the vertical grid lines at local midnight (at most about 14)
 * @param thresholds  the owner's charge thresholds as dashed lines
 * @param pv          polyline points of the solar available
 * @param load        polyline points of the load
 * @param soc         polyline points of the charge
 * @param violations  a thin band at each safety violation
 * @param actions     a triangle per switch: pointing down for off (pause), up for on (resume)
 */
public record ReportChart(int width, int height, double plotLeft, double plotRight, double plotTop,
                          double plotBottom, double socLabelX, double kwLabelX, double dayLabelY,
                          List<Level> levels, List<Day> days, List<Threshold> thresholds, String pv, String load,
                          String soc, List<Band> violations, List<Marker> actions) {

    private static final int WIDTH = 1100, HEIGHT = 380, LEFT = 56, RIGHT = 64, TOP = 20, BOTTOM = 40;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final List<String> THRESHOLDS = List.of("criticalSoc", "minSoc", "pauseMinersBelow",
            "resumeMinersAbove");

    /** A horizontal grid line and its two labels (charge left, power right). */
    public record Level(double y, double labelY, String soc, String kw) {
    }

    /** A vertical grid line at local midnight and its date. */
    public record Day(double x, double labelX, String label) {
    }

    /** A dashed line at a threshold; {@code title} names it on hover. */
    public record Threshold(double y, String title) {
    }

    /** A band from the top to the bottom of the plot, starting at {@code x}. */
    public record Band(double x, double width, String title) {
    }

    /** A triangle marker; {@code on} picks its class (resume or pause). */
    public record Marker(boolean on, String points, String title) {
    }

    /** The chart of a report, or null when there are too few samples to draw one. */
    static ReportChart of(SimulationReport report, ZoneId zone, ReportFormat format) {
        List<Point> points = report.series();
        if (points.size() < 2) {
            return null;
        }
        long t0 = Instant.parse(report.summary().start()).toEpochMilli();
        long t1 = Instant.parse(report.summary().end()).toEpochMilli();
        double maxKw = 1;
        for (Point p : points) {
            maxKw = Math.max(maxKw, Math.max(p.pvW(), p.loadW()) / 1000);
        }
        Scale c = new Scale(t0, t1, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM, Math.ceil(maxKw / 5) * 5);
        double right = LEFT + c.plotW;
        double bottom = TOP + c.plotH;

        List<Level> levels = new ArrayList<>();
        for (int soc = 0; soc <= 100; soc += 20) {
            double y = c.ySoc(soc);
            levels.add(new Level(r(y), r(y + 4), soc + " %",
                    Numbers.format(Numbers.round(c.maxKw * soc / 100, 1)) + " kW"));
        }

        List<Day> days = new ArrayList<>();
        ZonedDateTime day = Instant.ofEpochMilli(t0).atZone(zone).truncatedTo(ChronoUnit.DAYS);
        int dayStep = (int) Math.max(1, Math.max(1, (t1 - t0) / 86_400_000L) / 14);
        for (int i = 0; !day.toInstant().isAfter(Instant.ofEpochMilli(t1)); day = day.plusDays(1), i++) {
            long t = day.toInstant().toEpochMilli();
            // the first midnight may lie before the start; the last label needs room before the right edge
            if (t < t0 || i % dayStep != 0 || c.x(t) > right - 60) {
                continue;
            }
            days.add(new Day(r(c.x(t)), r(c.x(t) + 3), DAY.format(day)));
        }

        Map<String, String> settings = report.summary().settings();
        List<Threshold> thresholds = THRESHOLDS.stream().filter(settings::containsKey)
                .map(name -> new Threshold(r(c.ySoc(Double.parseDouble(settings.get(name)))),
                        name + " " + settings.get(name) + " %"))
                .toList();

        List<Band> violations = report.violations().stream()
                .map(v -> new Band(r(c.x(at(v.at())) - 1.5), 3, v.type() + ": " + v.detail()))
                .toList();
        List<Marker> actions = report.actions().stream().map(a -> marker(a, c, format)).toList();

        return new ReportChart(WIDTH, HEIGHT, LEFT, r(right), TOP, r(bottom), LEFT - 6, r(right + 6),
                r(bottom + 16), levels, days, thresholds,
                line(points, c, p -> c.yKw(p.pvW() / 1000)), line(points, c, p -> c.yKw(p.loadW() / 1000)),
                line(points, c, p -> c.ySoc(p.soc())), violations, actions);
    }

    /** The plot's height: what the violation bands span. */
    public double plotHeight() {
        return r(plotBottom - plotTop);
    }

    /** The plot's width, for the frame. */
    public double plotWidth() {
        return r(plotRight - plotLeft);
    }

    private static Marker marker(Action a, Scale c, ReportFormat format) {
        double x = c.x(at(a.at()));
        double y = c.ySoc(a.soc());
        String points = a.on() ? xy(x, y - 7) + " " + xy(x - 6, y + 5) + " " + xy(x + 6, y + 5)
                : xy(x, y + 7) + " " + xy(x - 6, y - 5) + " " + xy(x + 6, y - 5);
        return new Marker(a.on(), points, format.local(a.at()) + " — " + a.device() + (a.on() ? " on" : " off")
                + " at " + a.soc() + " % — " + a.rule() + " (relay " + a.relay() + ")");
    }

    private interface Y {
        double of(Point p);
    }

    private static String line(List<Point> points, Scale c, Y y) {
        return points.stream().map(p -> xy(c.x(at(p.at())), y.of(p))).collect(Collectors.joining(" "));
    }

    private static String xy(double x, double y) {
        return String.format(Locale.ROOT, "%.1f,%.1f", x, y);
    }

    private static long at(String utc) {
        return Instant.parse(utc).toEpochMilli();
    }

    private static double r(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Maps time, charge and power into the plot area. */
    private record Scale(long t0, long t1, double plotW, double plotH, double maxKw) {
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
}
