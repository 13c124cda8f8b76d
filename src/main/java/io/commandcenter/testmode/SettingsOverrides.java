package io.commandcenter.testmode;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.commandcenter.engine.facts.DailyWindow;
import io.commandcenter.engine.facts.SiteSettings;

/**
 * The owner's preferences by name ({@code pauseMinersBelow=45}), as a site owner writes them on the
 * command line or in a REST request, mapped onto the engine's {@link SiteSettings} fact. Names follow
 * the engine's preferences: percentages of charge, watts, minutes and local "HH:MM-HH:MM" windows.
 */
public final class SettingsOverrides {

    /** Every name that may be overridden, with what it means. */
    public static final Map<String, String> NAMES = names();

    private SettingsOverrides() {
    }

    private static Map<String, String> names() {
        Map<String, String> m = new TreeMap<>();
        m.put("criticalSoc", "percent; at or below it no load may be switched on");
        m.put("minSoc", "percent; below it no load may be switched on");
        m.put("targetSoc", "percent the owner aims for");
        m.put("pauseMinersBelow", "percent; miners pause below it");
        m.put("resumeMinersAbove", "percent; miners resume above it");
        m.put("maxGridDrawWatts", "most watts the site may import from the grid");
        m.put("solarPriorityHours", "local window HH:MM-HH:MM (or none) when automation may not import");
        m.put("quietHours", "local window HH:MM-HH:MM (or none) when automation switches nothing on");
        m.put("minerCooldownMinutes", "minutes automation leaves a device alone after a switch");
        m.put("manualHoldMinutes", "minutes a manual command holds its device");
        m.put("pauseConfirmMinutes", "minutes the charge must stay below the pause threshold (0..60)");
        return Map.copyOf(m);
    }

    /** The engine's shipped defaults: critical 20, min 30, target 80, pause below 50, resume above 80. */
    public static SiteSettings defaults() {
        return new SiteSettings(20, 30, 80, 50, 80, 5000, DailyWindow.NEVER, DailyWindow.NEVER,
                10 * 60_000L, 60 * 60_000L, 0);
    }

    /**
     * {@code base} with each named value replaced.
     *
     * @throws IllegalArgumentException naming the setting and the problem, for unknown names, bad
     *                                  values or a combination the rules cannot work with
     */
    public static SiteSettings apply(SiteSettings base, Map<String, String> overrides) {
        SiteSettings s = base;
        for (Map.Entry<String, String> e : new TreeMap<>(overrides).entrySet()) {
            String name = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue().trim();
            SiteSettings before = s;
            s = switch (name) {
                case "criticalSoc" -> new SiteSettings(percent(name, value), s.minSoc(), s.targetSoc(),
                        s.pauseMinersBelow(), s.resumeMinersAbove(), s.maxGridDraw(), s.solarPriorityHours(),
                        s.quietHours(), s.minerCooldownMillis(), s.manualHoldMillis(), s.pauseConfirmMillis());
                case "minSoc" -> new SiteSettings(s.criticalSoc(), percent(name, value), s.targetSoc(),
                        s.pauseMinersBelow(), s.resumeMinersAbove(), s.maxGridDraw(), s.solarPriorityHours(),
                        s.quietHours(), s.minerCooldownMillis(), s.manualHoldMillis(), s.pauseConfirmMillis());
                case "targetSoc" -> new SiteSettings(s.criticalSoc(), s.minSoc(), percent(name, value),
                        s.pauseMinersBelow(), s.resumeMinersAbove(), s.maxGridDraw(), s.solarPriorityHours(),
                        s.quietHours(), s.minerCooldownMillis(), s.manualHoldMillis(), s.pauseConfirmMillis());
                case "pauseMinersBelow" -> new SiteSettings(s.criticalSoc(), s.minSoc(), s.targetSoc(),
                        percent(name, value), s.resumeMinersAbove(), s.maxGridDraw(), s.solarPriorityHours(),
                        s.quietHours(), s.minerCooldownMillis(), s.manualHoldMillis(), s.pauseConfirmMillis());
                case "resumeMinersAbove" -> new SiteSettings(s.criticalSoc(), s.minSoc(), s.targetSoc(),
                        s.pauseMinersBelow(), percent(name, value), s.maxGridDraw(), s.solarPriorityHours(),
                        s.quietHours(), s.minerCooldownMillis(), s.manualHoldMillis(), s.pauseConfirmMillis());
                case "maxGridDrawWatts" -> new SiteSettings(s.criticalSoc(), s.minSoc(), s.targetSoc(),
                        s.pauseMinersBelow(), s.resumeMinersAbove(), number(name, value, 0, 1e7),
                        s.solarPriorityHours(), s.quietHours(), s.minerCooldownMillis(), s.manualHoldMillis(),
                        s.pauseConfirmMillis());
                case "solarPriorityHours" -> new SiteSettings(s.criticalSoc(), s.minSoc(), s.targetSoc(),
                        s.pauseMinersBelow(), s.resumeMinersAbove(), s.maxGridDraw(), window(name, value),
                        s.quietHours(), s.minerCooldownMillis(), s.manualHoldMillis(), s.pauseConfirmMillis());
                case "quietHours" -> new SiteSettings(s.criticalSoc(), s.minSoc(), s.targetSoc(),
                        s.pauseMinersBelow(), s.resumeMinersAbove(), s.maxGridDraw(), s.solarPriorityHours(),
                        window(name, value), s.minerCooldownMillis(), s.manualHoldMillis(), s.pauseConfirmMillis());
                case "minerCooldownMinutes" -> new SiteSettings(s.criticalSoc(), s.minSoc(), s.targetSoc(),
                        s.pauseMinersBelow(), s.resumeMinersAbove(), s.maxGridDraw(), s.solarPriorityHours(),
                        s.quietHours(), minutes(name, value, 1440), s.manualHoldMillis(), s.pauseConfirmMillis());
                case "manualHoldMinutes" -> new SiteSettings(s.criticalSoc(), s.minSoc(), s.targetSoc(),
                        s.pauseMinersBelow(), s.resumeMinersAbove(), s.maxGridDraw(), s.solarPriorityHours(),
                        s.quietHours(), s.minerCooldownMillis(), minutes(name, value, 1440), s.pauseConfirmMillis());
                case "pauseConfirmMinutes" -> new SiteSettings(s.criticalSoc(), s.minSoc(), s.targetSoc(),
                        s.pauseMinersBelow(), s.resumeMinersAbove(), s.maxGridDraw(), s.solarPriorityHours(),
                        s.quietHours(), s.minerCooldownMillis(), s.manualHoldMillis(), minutes(name, value, 60));
                default -> throw new IllegalArgumentException("unknown setting '" + name + "'; known settings: "
                        + String.join(", ", NAMES.keySet()));
            };
            // What the owner does not set here (battery capacity, reading interval, auto-pause) stays as it was.
            s = s.withBatteryCapacity(before.batteryCapacityWh()).withBatteryReadingEvery(before.batteryReadingEveryMillis())
                    .withAutoPauseMiners(before.autoPauseMiners());
        }
        List<String> problems = problems(s);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("settings cannot be used: " + String.join("; ", problems));
        }
        return s;
    }

    /** Parses {@code name=value} pairs as given on the command line. */
    public static Map<String, String> parsePairs(List<String> pairs) {
        Map<String, String> m = new TreeMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set needs name=value (was '" + pair + "')");
            }
            m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return m;
    }

    /** The settings by name, as shown in reports (durations in minutes, windows as HH:MM-HH:MM). */
    public static Map<String, String> describe(SiteSettings s) {
        Map<String, String> m = new TreeMap<>();
        m.put("criticalSoc", Numbers.format(s.criticalSoc()));
        m.put("minSoc", Numbers.format(s.minSoc()));
        m.put("targetSoc", Numbers.format(s.targetSoc()));
        m.put("pauseMinersBelow", Numbers.format(s.pauseMinersBelow()));
        m.put("resumeMinersAbove", Numbers.format(s.resumeMinersAbove()));
        m.put("maxGridDrawWatts", Numbers.format(s.maxGridDraw()));
        m.put("solarPriorityHours", window(s.solarPriorityHours()));
        m.put("quietHours", window(s.quietHours()));
        m.put("minerCooldownMinutes", Long.toString(s.minerCooldownMillis() / 60_000));
        m.put("manualHoldMinutes", Long.toString(s.manualHoldMillis() / 60_000));
        m.put("pauseConfirmMinutes", Long.toString(s.pauseConfirmMillis() / 60_000));
        return m;
    }

    private static List<String> problems(SiteSettings s) {
        List<String> v = new ArrayList<>();
        if (!(s.criticalSoc() < s.minSoc())) v.add("criticalSoc must be below minSoc");
        if (!(s.minSoc() <= s.targetSoc())) v.add("minSoc must not be above targetSoc");
        if (!(s.pauseMinersBelow() < s.resumeMinersAbove())) v.add("pauseMinersBelow must be below resumeMinersAbove");
        if (!(s.pauseMinersBelow() >= s.criticalSoc())) v.add("pauseMinersBelow must not be below criticalSoc");
        return v;
    }

    private static double percent(String name, String value) {
        return number(name, value, 0, 100);
    }

    private static double number(String name, String value, double min, double max) {
        double d;
        try {
            d = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number (was '" + value + "')");
        }
        if (Double.isNaN(d) || d < min || d > max) {
            throw new IllegalArgumentException(name + " must be between " + Numbers.format(min) + " and "
                    + Numbers.format(max) + " (was " + value + ")");
        }
        return d;
    }

    private static long minutes(String name, String value, int max) {
        int m;
        try {
            m = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be whole minutes (was '" + value + "')");
        }
        if (m < 0 || m > max) {
            throw new IllegalArgumentException(name + " must be 0 to " + max + " minutes (was " + value + ")");
        }
        return m * 60_000L;
    }

    private static DailyWindow window(String name, String value) {
        if (value.equalsIgnoreCase("none") || value.isEmpty()) {
            return DailyWindow.NEVER;
        }
        String[] ends = value.split("-");
        if (ends.length != 2) {
            throw new IllegalArgumentException(name + " must be HH:MM-HH:MM or none (was '" + value + "')");
        }
        try {
            return DailyWindow.of(LocalTime.parse(ends[0].trim()), LocalTime.parse(ends[1].trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be HH:MM-HH:MM or none (was '" + value + "')");
        }
    }

    private static String window(DailyWindow w) {
        if (w.from() == w.until()) {
            return "none";
        }
        return String.format("%02d:%02d-%02d:%02d", w.from() / 60, w.from() % 60, w.until() / 60, w.until() % 60);
    }
}
