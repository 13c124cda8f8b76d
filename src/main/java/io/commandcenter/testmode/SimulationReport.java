package io.commandcenter.testmode;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a test-mode run would have done: the content of {@code report.json}. Holds no wall-clock
 * figures, so the same scenario, rules, overrides and seed always give the same report. Times are
 * UTC ISO strings, energies kWh, powers W, charge in percent.
 *
 * @param diff replay only: every decision that differs between the live and the candidate rules
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"summary", "actions", "blocked", "series", "violations", "alerts", "diff"})
public record SimulationReport(Summary summary, List<Action> actions, List<Blocked> blocked, List<Point> series,
                               List<Violation> violations, List<Alert> alerts, List<DecisionDiff> diff,
                               List<AutomationStep> automation) {

    /**
     * @param kind             "simulation" (closed loop over the site model) or "replay" (recorded readings)
     * @param rules            content hash of the rule set that ran
     * @param settings         the effective owner settings, by name
     * @param minSoc           lowest charge seen and when
     * @param hoursBelowMinSoc hours the charge spent below the owner's minimum
     * @param energyKwh        energy drawn per device
     * @param minerRunHours    hours each miner drew power
     * @param actionsPerDevice executed automation actions per device
     * @param actionsPerRule   executed automation actions per proposing rule
     * @param blockedPerReason refused actions per reason
     */
    @JsonPropertyOrder(alphabetic = false)
    public record Summary(String kind, String scenario, String description, long seed, String rules,
                          Map<String, String> settings, String start, String end, double simulatedHours,
                          long steps, long stepSeconds, Extreme minSoc, Extreme maxSoc, double hoursBelowMinSoc,
                          Map<String, Double> energyKwh, Map<String, Double> minerRunHours, double pvKwh,
                          double loadKwh, double gridImportKwh, double gridExportKwh, double curtailedKwh,
                          double unmetKwh, int actionCount, Map<String, Integer> actionsPerDevice,
                          Map<String, Integer> actionsPerRule, int blockedCount, Map<String, Integer> blockedPerReason,
                          int violationCount, int alertCount) {
    }

    /** A value and when it happened. */
    public record Extreme(double value, String at) {
    }

    /**
     * An automation action the rules allowed and test mode carried out on the simulated relay.
     *
     * @param rule       the rule that proposed it
     * @param relay      what the simulated relay did: SWITCHED, IGNORED (fault), DEVICE_OFFLINE; RECORDED in a replay
     * @param firedRules every rule behind the decision
     */
    public record Action(String at, String device, boolean on, String rule, String relay, double soc,
                         List<String> firedRules) {
    }

    /** An action the rules proposed (or were asked) but refused, or left waiting for a person. */
    public record Blocked(String at, String device, boolean on, String rule, String outcome, List<String> reasons,
                          double soc, List<String> firedRules) {
    }

    /** One sample of the chart; {@code pvW} is the solar available (produced plus curtailed) in a simulation. */
    public record Point(String at, double soc, double pvW, double loadW, double gridW) {
    }

    /**
     * A safety violation; a rule set with any is refused at activation.
     *
     * @param type   SOC_BELOW_CRITICAL_WITH_LOAD_ON, SWITCHED_WITHIN_COOLDOWN, ACTION_DURING_EMERGENCY_STOP or
     *               LOAD_SWITCHED_ON_DURING_EMERGENCY_STOP
     * @param at     when it started
     * @param detail what happened, in words
     * @param hardwareRefused the rules had asked every load concerned off and the relay refused (see {@code alerts}):
     *               reported, but not held against the rule set by the safety gate
     */
    public record Violation(String type, String at, String device, String detail, boolean hardwareRefused) {
    }

    /**
     * An alert the owner would have been sent: where the hardware refuses to obey, the report shows the violation
     * and what the owner was told.
     *
     * @param type LOW_BATTERY (the engine raised its low-battery alarm, at the minimum or at critical, with its own
     *             hysteresis) or PROTECTIVE_OFF_FAILED (an off by the battery floor, or at or below critical, that the
     *             relay did not carry out; once until the relay obeys again)
     */
    public record Alert(String type, String at, String device, String detail) {
    }

    /**
     * What schedules, workflows and the owner's if/then rules did besides switching (the switches are actions): a
     * schedule's run, a workflow's step, a site-mode switch, a notification the owner would have been sent.
     *
     * @param by   the schedule, workflow step or rule, by the name the decision log knows it by
     * @param what SCHEDULE, WORKFLOW_STEP, WORKFLOW_RUN, SET_MODE or NOTIFY
     * @param alsoLive in a replay, the live side did the same at the same time (false in a simulation)
     */
    public record AutomationStep(String at, String by, String what, String detail, boolean alsoLive) {
    }

    /** This report with the automation steps replaced. */
    public SimulationReport withAutomation(List<AutomationStep> steps) {
        return new SimulationReport(summary, actions, blocked, series, violations, alerts, diff, List.copyOf(steps));
    }

    /**
     * A decision that differs between the live rules and the candidate in a replay.
     *
     * @param change ONLY_LIVE, ONLY_CANDIDATE or OUTCOME_CHANGED
     */
    public record DecisionDiff(String at, String device, boolean on, String change, String live, String candidate,
                               List<String> candidateReasons) {
    }
}
