package io.commandcenter.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the common questions without a language model by keyword routing to the same tools
 * the LLM uses. Deterministic, so its answers can be tested and scored.
 */
public class OfflineRouter {

    /**
     * The tool a question goes to, with the device and window it names (device may be null), and for a
     * dry run the preference changes and the scenario the question names (null = the configured one).
     */
    public record Route(String tool, String device, int hours, boolean on, Map<String, String> changes, String scenario) {

        public Route {
            changes = changes == null ? Map.of() : Map.copyOf(changes);
        }

        public Route(String tool, String device, int hours, boolean on) {
            this(tool, device, hours, on, Map.of(), null);
        }

        /** Which agent owns the tool: live status goes to the Solar Controller, the rest to planning. */
        public String agent() {
            return AgentChoice.owner(tool).agent();
        }
    }

    private static final Pattern DEVICE_LIKE = Pattern.compile("\\b([a-z]+-\\d+)\\b");

    private final Supplier<List<String>> deviceNames;

    /** @param deviceNames the registry's device names, e.g. "miner-1", "well-pump" */
    public OfflineRouter(Supplier<List<String>> deviceNames) {
        this.deviceNames = deviceNames;
    }

    public Route route(String question) {
        String q = " " + question.toLowerCase(Locale.ROOT).replaceAll("[?!.,']", " ") + " ";
        String device = device(q);
        int hours = hours(q);
        // "What if the pause threshold were 60%?" is a dry run, not a question about the threshold.
        if (PreferenceQuestion.hypothetical(question)) {
            Map<String, String> changes = PreferenceQuestion.changes(question);
            if (!changes.isEmpty()) {
                return new Route("simulate_preference_change", null, hours, false, changes,
                        PreferenceDryRun.scenarioNamedIn(question));
            }
        }
        if (has(q, " suggest", " learn", " automate", " habit")) {
            if (!(device != null && has(q, " should ", " please ", " can you ", " could you ") && has(q, " turn ",
                    " switch ", " pause ", " resume "))) {
                return new Route("explain_suggestions", null, hours, false);
            }
        }
        boolean why = has(q, " why ", " explain", " what stopped", " reason", " which rule", " what rule");
        boolean switching = has(q, " turn ", " switch ", " start ", " stop ", " pause ", " resume ", " shut ");
        if (why && (device != null || has(q, "miner", "paused", "stopped", "blocked", "shed", "turned off", "stop", "pause"))) {
            return new Route("explain_decision", device, hours, false);
        }
        if (device != null && switching && !why && has(q, " should ", " please ", " can you ", " could you ", " suggest")
                || device != null && (q.startsWith(" turn ") || q.startsWith(" switch ") || q.startsWith(" start ")
                || q.startsWith(" stop ") || q.startsWith(" pause ") || q.startsWith(" resume ") || q.startsWith(" shut "))) {
            boolean on = has(q, " on ", " start ", " resume ");
            return new Route("suggest_device_action", device, hours, on);
        }
        if (device != null && has(q, " use", " usage", " consum", " draw", " power", " energy", " kwh", " watts", " running", " load")) {
            return new Route("get_device_power_usage", device, hours, false);
        }
        if (has(q, " how does", " how do ", " what should", " checklist", " safe", " procedure", " before ", " model ",
                " firmware", " what is a ", " what are the rules", " hysteresis", " threshold", " who decides", " emergency stop")) {
            return new Route("kb_search", null, hours, false);
        }
        if (has(q, " trend", " peak", " most energy", " biggest", " which device", " breakdown", " rising", " falling", " energy by")) {
            return new Route("analyze_power_trend", null, hours, false);
        }
        if (has(q, " battery", " soc ", " state of charge", " charged", " charge ", " cerbo", " battery ")) {
            return new Route("get_cerbo_battery_status", null, hours, false);
        }
        if (has(q, " solar", " pv ", " panels", " producing", " production", " grid ", " export", " import", " inverter", " sun")) {
            return new Route("get_solar_status", null, hours, false);
        }
        if (device != null) {
            return new Route("get_device_power_usage", device, hours, false);
        }
        return new Route("kb_search", null, hours, false);
    }

    /** Runs the route's tool and words the answer, saying plainly that no model is involved. */
    String answer(String question, Route route, AgentTools tools) {
        String body = switch (route.tool()) {
            case "get_cerbo_battery_status" -> tools.batteryStatus();
            case "get_solar_status" -> tools.solarStatus();
            case "get_device_power_usage" -> tools.devicePowerUsage(route.device(), route.hours());
            case "analyze_power_trend" -> tools.powerTrend(route.hours());
            case "explain_decision" -> tools.explainDecision(route.device(), route.hours())
                    + "\n\nBattery now: " + tools.batteryStatus();
            case "suggest_device_action" -> tools.suggestDeviceAction(route.device(), route.on(),
                    "asked in chat");
            case "simulate_preference_change" -> tools.simulatePreferenceChange(pairs(route.changes()), route.scenario());
            case "explain_suggestions" -> tools.explainSuggestions();
            default -> tools.kbSearch(question);
        };
        return "Offline mode (no language model configured), answering with " + route.tool() + ":\n" + body;
    }

    /** Said instead of an answer when the chosen agent does not have the tool the question needs. */
    String outOfScope(Route route, AgentChoice chosen) {
        AgentChoice owner = AgentChoice.owner(route.tool());
        return "Offline mode (no language model configured): this question is outside what the " + chosen.agent()
                + " answers (" + chosen.scope() + "). It needs " + route.tool() + ", which belongs to the "
                + owner.agent() + "; ask the " + owner.agent() + " or the Manager.";
    }

    private static String pairs(Map<String, String> changes) {
        return String.join(", ", new TreeMap<>(changes).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private String device(String q) {
        List<String> names = new ArrayList<>(deviceNames.get());
        // Longest first, so "miner-10" wins over "miner-1".
        names.sort(Comparator.comparingInt(String::length).reversed());
        for (String name : names) {
            String n = name.toLowerCase(Locale.ROOT);
            if (q.contains(" " + n + " ") || q.contains(" " + n.replace('-', ' ') + " ")
                    || q.contains(" " + n.replace("-", "") + " ")) {
                return name;
            }
        }
        Matcher m = DEVICE_LIKE.matcher(q);
        return m.find() ? m.group(1) : null;
    }

    private static int hours(String q) {
        if (has(q, " this week", " last week", " past week", " 7 days", " week ")) {
            return 168;
        }
        if (has(q, " this month", " last month", " 30 days", " month ")) {
            return 720;
        }
        if (has(q, " last hour", " past hour", " hour ")) {
            return 1;
        }
        return 24;
    }

    private static boolean has(String q, String... words) {
        for (String w : words) {
            if (q.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
