package io.commandcenter.engine;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.engine.facts.TableRule;
import io.commandcenter.navigation.NavPage;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The /automation page: every rule that acts on its own, in plain words: the owner's if/then rules, decision-table
 * rows and the shipped rules by name, each with how often it took part in a decision this week (from the decision
 * log) and when last, and the latest automated decisions. Operators read it; admins switch if/then rules on and off,
 * and build, edit and delete if/then rules and schedules with the page's forms, whose script calls the REST API
 * ({@link IfThenRuleController}, {@link ScheduleController}) so the page needs nothing the API does not offer.
 */
@Controller
class AutomationPageController {

    private static final Pattern RULE = Pattern.compile("^rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);

    /** One rule as the page lists it. */
    record RuleLine(String name, String where, String inWords, boolean enabled, long thisWeek, Instant last) {
    }

    /** A schedule as the page lists it. */
    record ScheduleLine(String name, String inWords, boolean enabled, List<Instant> nextRuns, Instant lastDue,
                        String lastOutcome) {
    }

    private final EngineService engine;
    private final IfThenRuleService ifThenRules;
    private final ScheduleService schedules;
    private final DecisionRepository decisions;
    private final SiteModeRepository modeSwitches;
    private final DeviceRegistry devices;
    private final EngineProperties properties;
    private final Clock clock;

    AutomationPageController(EngineService engine, IfThenRuleService ifThenRules, ScheduleService schedules,
                             DecisionRepository decisions, SiteModeRepository modeSwitches, DeviceRegistry devices,
                             EngineProperties properties, Clock clock) {
        this.modeSwitches = modeSwitches;
        this.devices = devices;
        this.properties = properties;
        this.engine = engine;
        this.schedules = schedules;
        this.ifThenRules = ifThenRules;
        this.decisions = decisions;
        this.clock = clock;
    }

    @Bean
    static NavPage automationNavPage() {
        return new NavPage("/automation", "Automation", 35);
    }

    @GetMapping("/automation")
    String showAutomation(Model model) {
        Instant weekAgo = clock.instant().minus(Duration.ofDays(7));
        // A rule's decisions, the site-mode switches it made and the notices it asked for all count as it acting.
        Map<String, DecisionRepository.RuleActivity> week = new java.util.HashMap<>(decisions.activitySince(weekAgo));
        java.util.function.BiConsumer<String, DecisionRepository.RuleActivity> add = (by, a) -> week.merge(by, a,
                (x, y) -> new DecisionRepository.RuleActivity(x.decisions() + y.decisions(),
                        x.last().isAfter(y.last()) ? x.last() : y.last()));
        modeSwitches.switchesBySince(weekAgo).forEach(add);
        decisions.noticesSince(weekAgo).forEach(add); // a rule that only notifies acts too
        model.addAttribute("ifThenRules", ifThenRules.all().stream()
                .map(r -> line(r.ruleName(), "if/then rule", r.inWords(), r.enabled(), week)).toList());
        RuleSet live = engine.rules();
        List<RuleLine> rows = new ArrayList<>();
        List<RuleLine> shipped = new ArrayList<>();
        if (live != null) {
            for (TableRule row : live.tableRules()) {
                rows.add(line(row.rule(), "table " + row.table(), row.condition() + ": switch "
                        + (row.device() != null ? row.device() : "every " + row.deviceType()) + (row.on() ? " on" : " off"),
                        true, week));
            }
            for (RuleFile file : live.files()) {
                Matcher m = RULE.matcher(file.content());
                while (m.find()) {
                    shipped.add(line(m.group(1), file.name(), m.group(1), true, week));
                }
            }
        }
        model.addAttribute("tableRows", rows);
        model.addAttribute("shippedRules", shipped);
        model.addAttribute("recent", decisions.recentAutomation(20));
        model.addAttribute("schedules", schedules.all().stream().map(s -> new ScheduleLine(s.schedule().name(),
                s.schedule().inWords(), s.schedule().enabled(), schedules.nextRuns(s.schedule(), 3), s.lastDue(),
                s.lastOutcome())).toList());
        model.addAttribute("choices", AutomationChoices.of(devices.findAll(), modeSwitches.findAll(), properties.zone()));
        return "automation/automation";
    }

    /** An admin switches one of the owner's if/then rules on or off; it goes through the safety gate like a save. */
    @PostMapping("/automation/if-then/{name}/enabled")
    String switchIfThenRule(@PathVariable String name, @RequestParam boolean enabled, Principal user) {
        IfThenRule rule = ifThenRules.find(name);
        ifThenRules.save(new IfThenRule(rule.name(), enabled, rule.conditions(), rule.sustainedMinutes(),
                rule.cooldownMinutes(), rule.actions()), user.getName());
        return "redirect:/automation";
    }

    private static RuleLine line(String name, String where, String inWords, boolean enabled,
                                 Map<String, DecisionRepository.RuleActivity> week) {
        DecisionRepository.RuleActivity a = week.get(name);
        return new RuleLine(name, where, inWords, enabled, a == null ? 0 : a.decisions(), a == null ? null : a.last());
    }
}
