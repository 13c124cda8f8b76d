package io.commandcenter.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.commandcenter.validation.InvalidParams;

import io.commandcenter.device.DeviceRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's if/then rules: checked field by field, then judged by the scenario safety gate with the live rules
 * (as every rule change is), and only then stored and made live as a new version. A refused rule is not stored.
 */
@Service
class IfThenRuleService implements ConditionCheck, OwnersRules {

    private final IfThenRuleRepository repository;
    private final RuleSetService ruleSets;
    private final DeviceRegistry devices;
    private final SiteModeRepository modes;
    private final PreferencesService preferences;
    private final EngineService engine;
    private final ObjectProvider<IfThenPreview> previews;

    /** The dry run before saving covers this much of the recorded readings. */
    static final Duration PREVIEW_WINDOW = Duration.ofDays(7);

    IfThenRuleService(IfThenRuleRepository repository, RuleSetService ruleSets, DeviceRegistry devices,
                      SiteModeRepository modes, PreferencesService preferences, EngineService engine,
                      ObjectProvider<IfThenPreview> previews) {
        this.engine = engine;
        this.previews = previews;
        this.repository = repository;
        this.ruleSets = ruleSets;
        this.devices = devices;
        this.modes = modes;
        this.preferences = preferences;
    }

    List<IfThenRule> all() {
        return repository.findAll();
    }

    IfThenRule find(String name) {
        return repository.find(name).orElseThrow(() -> new UnknownIfThenRule(name));
    }

    /** Checks, gates, stores and activates {@code rule} (new or changed). */
    @Override
    @Transactional
    public IfThenRule save(IfThenRule rule, String by) {
        check(rule, "The rule was not saved");
        List<IfThenRule> next = withThis(rule);
        // Stored first, made live last: a refusal rolls the row back, and nothing goes live that is not stored.
        repository.save(rule, by);
        apply(next, by);
        return rule;
    }

    /**
     * What {@code rule} would have done over the readings of the last {@link #PREVIEW_WINDOW}, beside the live rules,
     * without saving anything: the same engine, in a replay.
     */
    IfThenPreview.Preview preview(IfThenRule rule) {
        return preview(rule, PREVIEW_WINDOW);
    }

    @Override
    public IfThenPreview.Preview preview(IfThenRule rule, Duration window) {
        check(rule, "The rule cannot be previewed");
        IfThenPreview preview = previews.getIfAvailable();
        RuleSet live = engine.rules();
        if (preview == null || live == null) {
            throw new IllegalStateException("no dry run available: test mode or the live rules are missing");
        }
        return preview.preview(live, live.withIfThenRules(withThis(rule)), preferences.current().toSettings(), window);
    }

    @Override
    public List<String> gateRefusals(IfThenRule rule) {
        check(rule, "The rule cannot be checked");
        return ruleSets.refusalsWith(withThis(rule));
    }

    private void check(IfThenRule rule, String detail) {
        validator().check(rule).throwIfAny("invalid-if-then-rule", detail);
    }

    @Override
    public void check(InvalidParams problems, String field, List<IfThenRule.Condition> conditions) {
        validator().checkConditions(problems, field, conditions);
    }

    private IfThenRuleValidator validator() {
        return new IfThenRuleValidator(name -> devices.findByName(name).isPresent(), name -> modes.find(name).isPresent(),
                preferences.current().criticalSoc());
    }

    private List<IfThenRule> withThis(IfThenRule rule) {
        List<IfThenRule> next = new ArrayList<>(repository.findAll().stream()
                .filter(r -> !r.name().equals(rule.name())).toList());
        next.add(rule);
        return next;
    }

    @Transactional
    void delete(String name, String by) {
        find(name);
        List<IfThenRule> rest = repository.findAll().stream().filter(r -> !r.name().equals(name)).toList();
        repository.delete(name);
        apply(rest, by);
    }

    private void apply(List<IfThenRule> rules, String by) {
        RuleSetService.Validation v = ruleSets.applyIfThenRules(rules, by);
        if (!v.ok()) {
            throw new RuleRejected("rule-set-refused", "The safety gate refused the rule: "
                    + String.join("; ", v.refusals())).with("refusals", v.refusals());
        }
    }
}
