package io.commandcenter.engine;

import java.util.ArrayList;
import java.util.List;

import io.commandcenter.device.DeviceRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's if/then rules: checked field by field, then judged by the scenario safety gate with the live rules
 * (as every rule change is), and only then stored and made live as a new version. A refused rule is not stored.
 */
@Service
class IfThenRuleService {

    private final IfThenRuleRepository repository;
    private final RuleSetService ruleSets;
    private final DeviceRegistry devices;
    private final SiteModeRepository modes;
    private final PreferencesService preferences;

    IfThenRuleService(IfThenRuleRepository repository, RuleSetService ruleSets, DeviceRegistry devices,
                      SiteModeRepository modes, PreferencesService preferences) {
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
    @Transactional
    IfThenRule save(IfThenRule rule, String by) {
        new IfThenRuleValidator(name -> devices.findByName(name).isPresent(), name -> modes.find(name).isPresent(),
                preferences.current().criticalSoc()).check(rule)
                .throwIfAny("invalid-if-then-rule", "The rule was not saved");
        List<IfThenRule> next = new ArrayList<>(repository.findAll().stream()
                .filter(r -> !r.name().equals(rule.name())).toList());
        next.add(rule);
        apply(next, by);
        repository.save(rule, by);
        return rule;
    }

    @Transactional
    void delete(String name, String by) {
        find(name);
        apply(repository.findAll().stream().filter(r -> !r.name().equals(name)).toList(), by);
        repository.delete(name);
    }

    private void apply(List<IfThenRule> rules, String by) {
        RuleSetService.Validation v = ruleSets.applyIfThenRules(rules, by);
        if (!v.ok()) {
            throw new RuleRejected("rule-set-refused", "The safety gate refused the rule: "
                    + String.join("; ", v.refusals())).with("refusals", v.refusals());
        }
    }
}
