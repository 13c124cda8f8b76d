package io.commandcenter.engine;

import java.security.Principal;
import java.time.Duration;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** If/then rules over REST: everyone reads them (with the sentence), admins save and delete (rules change policy). */
@RestController
@RequestMapping({"/engine/if-then-rules", "/api/v1/engine/if-then-rules"})
class IfThenRuleController {

    record RuleView(String name, boolean enabled, String inWords, List<IfThenRule.Condition> conditions,
                    int sustainedMinutes, int cooldownMinutes, List<IfThenRule.Action> actions) {
        static RuleView of(IfThenRule r) {
            return new RuleView(r.name(), r.enabled(), r.inWords(), r.conditions(), r.sustainedMinutes(),
                    r.cooldownMinutes(), r.actions());
        }
    }

    record RuleBody(Boolean enabled, List<IfThenRule.Condition> conditions, Integer sustainedMinutes,
                    Integer cooldownMinutes, List<IfThenRule.Action> actions) {
    }

    /** The dry run's result with the rule's sentence, so the owner reads what was previewed before saving it. */
    record PreviewView(String inWords, Duration window, int readings, List<String> differences,
                       List<String> violations, List<String> alsoDoes) {
    }

    private final IfThenRuleService rules;

    IfThenRuleController(IfThenRuleService rules) {
        this.rules = rules;
    }

    @GetMapping
    List<RuleView> list() {
        return rules.all().stream().map(RuleView::of).toList();
    }

    @GetMapping("/{name}")
    RuleView show(@PathVariable String name) {
        return RuleView.of(rules.find(name));
    }

    @PutMapping("/{name}")
    RuleView save(@PathVariable String name, @RequestBody RuleBody body, Principal user) {
        return RuleView.of(rules.save(rule(name, body), user.getName()));
    }

    /** A dry run of the rule as it would be saved, over the last 7 days of recorded readings; nothing is stored. */
    @PostMapping("/{name}/preview")
    PreviewView preview(@PathVariable String name, @RequestBody RuleBody body) {
        IfThenRule rule = rule(name, body);
        IfThenPreview.Preview p = rules.preview(rule);
        return new PreviewView(rule.inWords(), p.window(), p.readings(), p.differences(), p.violations(),
                p.alsoDoes());
    }

    private static IfThenRule rule(String name, RuleBody body) {
        return new IfThenRule(name, body.enabled() == null || body.enabled(), body.conditions(),
                body.sustainedMinutes() == null ? 0 : body.sustainedMinutes(),
                body.cooldownMinutes() == null ? 10 : body.cooldownMinutes(), body.actions());
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, Principal user) {
        rules.delete(name, user.getName());
        return ResponseEntity.noContent().build();
    }
}
