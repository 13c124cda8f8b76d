package io.commandcenter.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.commandcenter.agent.kb.KbHit;
import io.commandcenter.agent.kb.KnowledgeBase;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.RulesEngine;
import io.commandcenter.testmode.SettingsOverrides;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.Resolution;
import io.commandcenter.timeseries.SolarReading;
import io.commandcenter.timeseries.TimeseriesQueries;
import io.commandcenter.timeseries.TimeseriesQueries.DeviceEnergy;
import io.commandcenter.timeseries.TimeseriesQueries.SolarPoint;

/**
 * Everything an agent may do: read figures, search the site documents, explain decisions and
 * suggest a switch for approval. The LLM and the offline router call the same methods.
 * No method here switches a device.
 */
public class AgentTools {

    /** Per-question listener for progress lines and the list of calls; set by {@link AgentService}. */
    static final ThreadLocal<Session> SESSION = new ThreadLocal<>();

    static final class Session {
        final Consumer<String> progress;
        final List<ToolCall> calls = new ArrayList<>();
        final List<String> citations = new ArrayList<>();
        final Requester requester;
        final String question;
        ActionSuggestions.SuggestedAction suggestion;

        /** @param requester who asked; null queues nothing */
        Session(Consumer<String> progress, Requester requester, String question) {
            this.progress = progress;
            this.requester = requester;
            this.question = question;
        }
    }

    private final TimeseriesQueries queries;
    private final RulesEngine engine;
    private final KnowledgeBase knowledgeBase;
    private final ActionSuggestions suggestions;
    private final PreferenceDryRun dryRun;
    private final Clock clock;
    private final java.util.function.Supplier<String> learning;

    /**
     * @param dryRun   test mode's dry runs; null when test mode is not available
     * @param learning learning's offered suggestions in words
     */
    public AgentTools(TimeseriesQueries queries, RulesEngine engine, KnowledgeBase knowledgeBase,
                      ActionSuggestions suggestions, PreferenceDryRun dryRun, Clock clock,
                      java.util.function.Supplier<String> learning) {
        this.learning = learning;
        this.queries = queries;
        this.engine = engine;
        this.knowledgeBase = knowledgeBase;
        this.suggestions = suggestions;
        this.dryRun = dryRun;
        this.clock = clock;
    }

    @Tool(name = "get_cerbo_battery_status", value = "Current battery state of charge, voltage, current and power from the Victron Cerbo GX (VRM)")
    public String batteryStatus() {
        called("get_cerbo_battery_status", "", "Reading the Cerbo GX battery monitor (VRM)…");
        Optional<BatteryReading> b = queries.latestBattery();
        if (b.isEmpty()) {
            return "No battery reading has been stored yet, so the battery state is unknown.";
        }
        BatteryReading r = b.get();
        return String.format(Locale.ROOT,
                "Battery at %.1f%% state of charge, %.2f V, %.1f A, %.0f W (%s), measured %s (%s ago).",
                r.soc(), r.voltage(), r.current(), r.power(), r.current() >= 0 ? "charging" : "discharging",
                r.at(), age(r.at()));
    }

    @Tool(name = "get_solar_status", value = "Current solar production, house load, grid import/export and battery flow from the SolArk inverter")
    public String solarStatus() {
        called("get_solar_status", "", "Reading the SolArk inverter…");
        Optional<SolarReading> s = queries.latestSolar();
        if (s.isEmpty()) {
            return "No inverter reading has been stored yet, so solar production is unknown.";
        }
        SolarReading r = s.get();
        if (r.stale()) {
            return String.format(Locale.ROOT, "The SolArk cloud is frozen: it has shown the same numbers since %s while"
                    + " the battery kept moving, so solar production, load and grid are unknown right now.",
                    r.lastChanged() != null ? r.lastChanged() : r.at());
        }
        return String.format(Locale.ROOT,
                "Solar producing %.0f W, house load %.0f W, grid %.0f W (%s), battery %.0f W (%s), inverter SOC %.1f%%, measured %s (%s ago).",
                r.pvPower(), r.loadPower(), Math.abs(r.gridPower()), r.gridPower() >= 0 ? "import" : "export",
                Math.abs(r.batteryPower()), r.batteryPower() >= 0 ? "charging" : "discharging", r.soc(), r.at(), age(r.at()));
    }

    @Tool(name = "get_device_power_usage", value = "One device's power now and its energy and peak over the last hours (e.g. 24 for a day, 168 for a week)")
    public String devicePowerUsage(@P("device name, e.g. miner-1 or well-pump") String device,
                                   @P("window in hours back from now") int hours) {
        int h = hours <= 0 ? 24 : hours;
        called("get_device_power_usage", device + ", " + h + "h", "Calling Shelly API data for " + device + "…");
        Instant now = clock.instant();
        Optional<DevicePowerReading> latest = queries.latestDevice(device);
        Optional<DeviceEnergy> energy = queries.energyPerDevice(now.minus(Duration.ofHours(h)), now).stream()
                .filter(e -> e.device().equals(device)).findFirst();
        if (latest.isEmpty() && energy.isEmpty()) {
            return "No readings for a device called " + device + ".";
        }
        StringBuilder out = new StringBuilder(device).append(": ");
        latest.ifPresent(r -> out.append(!r.online() ? "offline now (power unknown)"
                : String.format(Locale.ROOT, "%s, drawing %s now", Boolean.TRUE.equals(r.on()) ? "on" : Boolean.FALSE.equals(r.on()) ? "off" : "state unknown",
                r.power() == null ? "unknown power" : String.format(Locale.ROOT, "%.0f W", r.power()))));
        energy.ifPresent(e -> out.append(String.format(Locale.ROOT, "; used %s over the last %d h, peak %s",
                kwh(e.energyWh()), h, e.peakW() == null ? "unknown" : String.format(Locale.ROOT, "%.0f W at %s", e.peakW(), e.peakAt()))));
        return out.append('.').toString();
    }

    @Tool(name = "analyze_power_trend", value = "Energy by device, peaks and whether house load is rising or falling over the last hours")
    public String powerTrend(@P("window in hours back from now") int hours) {
        int h = hours <= 0 ? 24 : hours;
        called("analyze_power_trend", h + "h", "Analysing " + h + " h of aggregates…");
        Instant now = clock.instant();
        Instant from = now.minus(Duration.ofHours(h));
        List<DeviceEnergy> energy = queries.energyPerDevice(from, now).stream()
                .sorted(Comparator.comparing((DeviceEnergy e) -> e.energyWh() == null ? 0 : e.energyWh()).reversed()).toList();
        StringBuilder out = new StringBuilder();
        double total = energy.stream().mapToDouble(e -> e.energyWh() == null ? 0 : e.energyWh()).sum();
        out.append(String.format(Locale.ROOT, "Over the last %d h the metered devices used %s in total", h, kwh(total)));
        if (!energy.isEmpty()) {
            out.append(": ");
            List<String> parts = new ArrayList<>();
            for (DeviceEnergy e : energy) {
                parts.add(String.format(Locale.ROOT, "%s %s (peak %s)", e.device(), kwh(e.energyWh()),
                        e.peakW() == null ? "unknown" : String.format(Locale.ROOT, "%.0f W", e.peakW())));
            }
            out.append(String.join(", ", parts));
        }
        out.append('.');
        List<SolarPoint> load = queries.solarHistory(from, now, Resolution.auto(Duration.ofHours(h))).points().stream()
                .filter(p -> p.load() != null && p.load().avg() != null).toList();
        if (load.size() >= 2) {
            int half = load.size() / 2;
            double first = load.subList(0, half).stream().mapToDouble(p -> p.load().avg()).average().orElse(0);
            double second = load.subList(half, load.size()).stream().mapToDouble(p -> p.load().avg()).average().orElse(0);
            String direction = Math.abs(second - first) < 0.05 * Math.max(first, 1) ? "steady"
                    : second > first ? "rising" : "falling";
            out.append(String.format(Locale.ROOT, " House load is %s: %.0f W average in the first half, %.0f W in the second.",
                    direction, first, second));
        }
        return out.toString();
    }

    @Tool(name = "explain_decision", value = "Which rules made the engine allow or block a device's switching, from the decision log")
    public String explainDecision(@P("device name, e.g. miner-1; empty for all devices") String device,
                                  @P("window in hours back from now") int hours) {
        int h = hours <= 0 ? 24 : hours;
        String d = device == null || device.isBlank() ? null : device;
        called("explain_decision", (d == null ? "all" : d) + ", " + h + "h", "Reading the decision log…");
        Instant now = clock.instant();
        List<Decision> decisions = engine.decisions(now.minus(Duration.ofHours(h)), now, d);
        if (decisions.isEmpty()) {
            return "No decisions about " + (d == null ? "any device" : d) + " in the last " + h + " h.";
        }
        StringBuilder out = new StringBuilder();
        for (Decision x : decisions.subList(0, Math.min(5, decisions.size()))) {
            out.append(String.format(Locale.ROOT, "- %s: %s asked to switch %s %s → %s.", x.decidedAt(), x.source(),
                    x.device(), x.on() ? "on" : "off", x.outcome()));
            if (!x.reasons().isEmpty()) {
                out.append(" Reasons: ").append(String.join("; ", x.reasons())).append('.');
            }
            if (!x.firedRules().isEmpty()) {
                out.append(" Rules: ").append(String.join(", ", x.firedRules().stream().map(r -> "\"" + r + "\"").toList())).append('.');
            }
            for (Map.Entry<String, List<String>> f : x.facts().entrySet()) {
                if (!f.getValue().isEmpty()) {
                    out.append(" Facts for \"").append(f.getKey()).append("\": ").append(String.join(", ", f.getValue())).append('.');
                }
            }
            out.append('\n');
        }
        return out.toString().strip();
    }

    @Tool(name = "explain_suggestions", value = "What learning mode suggests automating and why: each suggestion with its "
            + "confidence, the approvals, manual commands or overrides behind it, and its 30-day dry run")
    public String explainSuggestions() {
        called("explain_suggestions", "", "Reading learning's suggestions…");
        return learning.get();
    }

    @Tool(name = "kb_search", value = "Search the site documents (system overview, hardware, safety checklist, how the rules work); returns sections with their source")
    public String kbSearch(@P("what to look for") String query) {
        called("kb_search", query, "Searching the site documents…");
        List<KbHit> hits = knowledgeBase.search(query, 3);
        if (hits.isEmpty()) {
            return "The knowledge base is empty.";
        }
        StringBuilder out = new StringBuilder();
        for (KbHit hit : hits) {
            Session s = SESSION.get();
            if (s != null && !s.citations.contains(hit.citation())) {
                s.citations.add(hit.citation());
            }
            out.append("[").append(hit.citation()).append("]\n").append(hit.content()).append("\n\n");
        }
        return out.toString().strip();
    }

    @Tool(name = "suggest_device_action", value = "Suggest switching a device on or off. For an operator or admin it creates a pending action that a person must approve; "
            + "for anyone else it only answers. It never switches anything by itself")
    public String suggestDeviceAction(@P("device name") String device, @P("true for on, false for off") boolean on,
                                      @P("why, in plain words") String why) {
        Session session = SESSION.get();
        Requester requester = session == null ? null : session.requester;
        ActionSuggestions.SuggestedAction s;
        if (requester == null || !requester.mayQueueActions()) {
            // Only operators and admins queue actions; anyone else hears the suggestion, nothing waits.
            called("suggest_device_action", device + " " + (on ? "on" : "off"), "Answering without queuing anything…");
            s = new ActionSuggestions.SuggestedAction(device, on, "NOT_QUEUED", null,
                    "I would suggest to switch " + device + (on ? " on" : " off") + ", but only an operator or admin"
                            + " can ask for that: nothing was queued. Ask an operator to request it.");
        } else {
            called("suggest_device_action", device + " " + (on ? "on" : "off"), "Creating a pending action for approval…");
            s = suggestions.propose(device, on, why, requester, session.question);
        }
        if (session != null) {
            session.suggestion = s;
        }
        return s.detail();
    }

    @Tool(name = "simulate_preference_change", value = "Dry run in test mode of a change to the owner's preferences: "
            + "simulates a shipped scenario with the live rules twice, current preferences vs changed, and returns both runs' "
            + "figures (miner pauses and run time, lowest battery charge, grid energy, safety violations). Changes nothing. "
            + "Setting names: criticalSoc, minSoc, targetSoc, pauseMinersBelow, resumeMinersAbove (percent), maxGridDrawWatts, "
            + "minerCooldownMinutes, manualHoldMinutes, pauseConfirmMinutes, quietHours and solarPriorityHours (HH:MM-HH:MM or none)")
    public String simulatePreferenceChange(@P("the changes as name=value pairs separated by commas, e.g. pauseMinersBelow=60") String changes,
                                           @P(value = "scenario file such as summer-week.yaml or winter-cloudy-week.yaml; empty for the default",
                                                   required = false) String scenario) {
        String file = scenario == null || scenario.isBlank() ? null : scenario.strip();
        called("simulate_preference_change", changes + (file == null ? "" : " on " + file),
                "Running a test-mode dry run with " + changes + " against the current preferences…");
        if (dryRun == null) {
            return "Test mode is not available here, so no dry run could be made.";
        }
        try {
            Map<String, String> pairs = SettingsOverrides.parsePairs(
                    Arrays.stream(changes == null ? new String[0] : changes.split("[,;]"))
                            .map(String::strip).filter(p -> !p.isEmpty()).toList());
            return PreferenceDryRun.describe(dryRun.run(pairs, file));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return "No dry run was made: " + e.getMessage() + ".";
        }
    }

    private void called(String tool, String arguments, String progress) {
        Session s = SESSION.get();
        if (s != null) {
            s.calls.add(new ToolCall(tool, arguments));
            s.progress.accept(progress);
        }
    }

    private String age(Instant at) {
        Duration d = Duration.between(at, clock.instant());
        if (d.isNegative()) {
            return "0 s";
        }
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static String kwh(Double wh) {
        return wh == null ? "unknown energy" : String.format(Locale.ROOT, "%.2f kWh", wh / 1000);
    }
}
