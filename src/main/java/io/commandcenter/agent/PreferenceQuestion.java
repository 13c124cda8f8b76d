package io.commandcenter.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads "what if" questions about the owner's preferences: which settings (test mode's names, see
 * {@code SettingsOverrides.NAMES}) they change and to what. Pure text work, no data.
 */
final class PreferenceQuestion {

    private PreferenceQuestion() {
    }

    private enum Unit { PERCENT, WATTS, MINUTES, WINDOW }

    private record Alias(String setting, Pattern pattern, Unit unit) {
    }

    // Most specific first: "pause confirmation time" must not be read as the pause threshold.
    private static final List<Alias> ALIASES = List.of(
            alias("pauseConfirmMinutes", "pause confirm(?:ation)?(?: time| delay| minutes)?|confirm(?:ation)? (?:time|delay)", Unit.MINUTES),
            alias("minerCooldownMinutes", "(?:miner )?cool ?-?down(?: time| period)?", Unit.MINUTES),
            alias("manualHoldMinutes", "manual hold(?: time| period)?|hold (?:time|period)", Unit.MINUTES),
            alias("resumeMinersAbove", "resume threshold|miner resume(?: threshold| level)?|resume (?:the )?miners(?: above| at)?|resumes? (?:above|at)", Unit.PERCENT),
            alias("pauseMinersBelow", "pause threshold|miner pause(?: threshold| level)?|paused? (?:the )?miners(?: below| at)?|miners? (?:pause|paused|stop) (?:below|at)|pauses? (?:below|at)", Unit.PERCENT),
            alias("criticalSoc", "critical (?:soc|battery|charge|level)(?: level)?", Unit.PERCENT),
            alias("targetSoc", "target (?:soc|battery|charge)(?: level)?", Unit.PERCENT),
            alias("minSoc", "min(?:imum)?[ -]?(?:soc|battery|charge|state of charge)(?: level)?|battery minimum|minimum battery level", Unit.PERCENT),
            alias("maxGridDrawWatts", "(?:max(?:imum)? )?grid (?:draw|import)(?: limit)?|grid limit|import limit", Unit.WATTS),
            alias("quietHours", "quiet hours", Unit.WINDOW),
            alias("solarPriorityHours", "solar priority(?: hours| window)?", Unit.WINDOW));

    private static final Pattern HYPOTHETICAL = Pattern.compile(
            "\\bwhat if\\b|\\bwhat would\\b|\\bwould happen\\b|\\bwhat happens if\\b|\\bif (?:i|we|you)\\b|\\bdry[ -]?run\\b"
                    + "|\\bsimulat|\\bsuppose\\b|\\bwere (?:set|changed|raised|lowered)\\b");

    // After the setting's words, at most a few words ("to", "were", "was set to") before the number.
    private static final Pattern FROM_TO = Pattern.compile(
            "^[^0-9]{0,30}?from\\s+\\d+(?:\\.\\d+)?\\s*[a-z%]*\\s+to\\s+(\\d+(?:\\.\\d+)?)\\s*(%|percent|kw|kilowatts?|w\\b|watts?|minutes?|mins?|h\\b|hours?)?");
    private static final Pattern VALUE = Pattern.compile(
            "^[^0-9]{0,30}?(\\d+(?:\\.\\d+)?)\\s*(%|percent|kw|kilowatts?|w\\b|watts?|minutes?|mins?|h\\b|hours?)?");
    private static final Pattern WINDOW = Pattern.compile(
            "^[^0-9]{0,30}?(\\d{1,2})(?::(\\d{2}))?\\s*(?:-|to|until)\\s*(\\d{1,2})(?::(\\d{2}))?");
    private static final Pattern NO_WINDOW = Pattern.compile("^\\s*(?:were |was |to |set to |are )?(?:none|off|removed|disabled)\\b");

    private static Alias alias(String setting, String words, Unit unit) {
        return new Alias(setting, Pattern.compile("\\b(?:" + words + ")\\b"), unit);
    }

    /** True when the question asks what a change would do rather than how things are. */
    static boolean hypothetical(String question) {
        return HYPOTHETICAL.matcher(question.toLowerCase(Locale.ROOT)).find();
    }

    /** The settings the question names with a new value, e.g. {pauseMinersBelow=60}; empty when none. */
    static Map<String, String> changes(String question) {
        String q = question.toLowerCase(Locale.ROOT).replace(',', ' ').replace('?', ' ');
        Map<String, String> out = new LinkedHashMap<>();
        for (Alias alias : ALIASES) {
            Matcher m = alias.pattern().matcher(q);
            if (!m.find()) {
                continue;
            }
            String rest = q.substring(m.end());
            boolean no = q.substring(0, m.start()).matches("(?s).*\\bno\\s+$"); // "no quiet hours"
            String value = alias.unit() == Unit.WINDOW ? (no ? "none" : window(rest)) : number(rest, alias.unit());
            if (value != null) {
                out.put(alias.setting(), value);
            }
            // Blank the words so a shorter alias ("pause at") cannot match them again.
            q = q.substring(0, m.start()) + " ".repeat(m.end() - m.start()) + rest;
        }
        return out;
    }

    private static String number(String rest, Unit unit) {
        Matcher m = FROM_TO.matcher(rest);
        if (!m.find()) {
            m = VALUE.matcher(rest);
            if (!m.find()) {
                return null;
            }
        }
        double value = Double.parseDouble(m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        if (unit == Unit.WATTS && suffix.startsWith("k")) {
            value *= 1000;
        } else if (unit == Unit.MINUTES && suffix.startsWith("h")) {
            value *= 60;
        }
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String window(String rest) {
        if (NO_WINDOW.matcher(rest).find()) {
            return "none";
        }
        Matcher m = WINDOW.matcher(rest);
        if (!m.find()) {
            return null;
        }
        return String.format(Locale.ROOT, "%02d:%s-%02d:%s", Integer.parseInt(m.group(1)),
                m.group(2) == null ? "00" : m.group(2), Integer.parseInt(m.group(3)), m.group(4) == null ? "00" : m.group(4));
    }
}
