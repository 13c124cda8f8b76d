package io.commandcenter.testmode;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import io.commandcenter.testmode.SimulationReport.Summary;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.dialect.SpringStandardDialect;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * {@code report.html}: one self-contained page (inline SVG and CSS, no scripts, no network) with the
 * summary, a chart of charge, solar and load with every action marked, the action timeline with the
 * rules that fired, refused actions, violations and, for a replay, the decision diff. The page is
 * {@code templates/testmode/report.html}; {@link ReportChart} works out the chart's geometry.
 */
public final class ReportHtml {

    private static final int MAX_TABLE_ROWS = 1000;

    /*
     * A standalone engine rather than Spring's: the simulate command renders reports without an application context.
     * SpEL rather than OGNL, because OGNL is not on the classpath (Spring's Thymeleaf starter leaves it out).
     */
    private static final TemplateEngine ENGINE = engine();

    private ReportHtml() {
    }

    /** The first rows of a table on the page and how many there are in all; the rest are in report.json. */
    public record Rows<T>(List<T> shown, int total) {
        static <T> Rows<T> of(List<T> all) {
            List<T> rows = all == null ? List.of() : all;
            return new Rows<>(rows.subList(0, Math.min(rows.size(), MAX_TABLE_ROWS)), rows.size());
        }

        public int more() {
            return total - shown.size();
        }
    }

    /**
     * @param zone     the site's zone, for local times on the page
     * @param wallTime how long the run took, null when unknown (shown, never stored in the JSON)
     */
    public static String render(SimulationReport report, ZoneId zone, Duration wallTime) {
        Summary s = report.summary();
        ReportFormat format = new ReportFormat(zone);
        int byRules = RunRecorder.rulesViolations(report.violations()).size();
        Context page = new Context(Locale.ENGLISH);
        page.setVariable("s", s);
        page.setVariable("fmt", format);
        page.setVariable("byRules", byRules);
        page.setVariable("byHardware", report.violations().size() - byRules);
        page.setVariable("wallTime", wallTime == null ? null : wallTime(s, wallTime));
        page.setVariable("chart", ReportChart.of(report, zone, format));
        page.setVariable("violations", Rows.of(report.violations()));
        page.setVariable("alerts", Rows.of(report.alerts()));
        page.setVariable("automation", Rows.of(report.automation()));
        page.setVariable("diff", report.diff() == null ? null : Rows.of(report.diff()));
        page.setVariable("actions", Rows.of(report.actions()));
        page.setVariable("blocked", Rows.of(report.blocked()));
        page.setVariable("zone", zone.getId());
        page.setVariable("rules", s.rules().substring(0, Math.min(12, s.rules().length())));
        return ENGINE.process("report", page);
    }

    private static String wallTime(Summary s, Duration wallTime) {
        double speed = wallTime.isZero() ? 0 : s.simulatedHours() * 3_600_000_000_000.0 / wallTime.toNanos();
        return String.format(Locale.ROOT, "%.2f s (%,.0f× real time)", wallTime.toNanos() / 1e9, speed);
    }

    private static TemplateEngine engine() {
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver(ReportHtml.class.getClassLoader());
        templates.setPrefix("templates/testmode/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        templates.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setDialect(new SpringStandardDialect());
        engine.setTemplateResolver(templates);
        return engine;
    }
}
