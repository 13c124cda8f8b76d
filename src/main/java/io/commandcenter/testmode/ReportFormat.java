package io.commandcenter.testmode;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How {@code report.html} prints times and numbers; the template calls these. */
public record ReportFormat(ZoneId zone) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    /** A report's UTC ISO time as the site's local time, e.g. "Mon 16 Jun 06:00". */
    public String local(String utc) {
        return LOCAL.format(Instant.parse(utc).atZone(zone));
    }

    /** A number without a trailing ".0" when it is whole. */
    public String number(double value) {
        return Numbers.format(value);
    }
}
