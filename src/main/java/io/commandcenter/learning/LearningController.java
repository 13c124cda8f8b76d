package io.commandcenter.learning;

import java.security.Principal;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Learning over REST: everyone reads the suggestions and their evidence; admins accept, dismiss and ask for a run. */
@RestController
@RequestMapping({"/learning", "/api/v1/learning"})
class LearningController {

    record SuggestionView(Suggestion suggestion, String ruleInWords, List<Observation> evidence) {
    }

    record AcceptBody(Boolean enabled) {
    }

    record Analysed(int offered) {
    }

    private final LearningService learning;

    LearningController(LearningService learning) {
        this.learning = learning;
    }

    @GetMapping("/suggestions")
    List<Suggestion> suggestions() {
        return learning.all();
    }

    @GetMapping("/suggestions/{id}")
    SuggestionView suggestion(@PathVariable long id) {
        return view(learning.find(id));
    }

    @PostMapping("/suggestions/{id}/accept")
    SuggestionView accept(@PathVariable long id, @RequestBody(required = false) AcceptBody body, Principal user) {
        return view(learning.accept(id, body == null || body.enabled() == null || body.enabled(), user.getName()));
    }

    @PostMapping("/suggestions/{id}/dismiss")
    SuggestionView dismiss(@PathVariable long id, Principal user) {
        return view(learning.dismiss(id, user.getName()));
    }

    @PostMapping("/analyze")
    Analysed analyze() {
        return new Analysed(learning.analyze());
    }

    private SuggestionView view(Suggestion s) {
        return new SuggestionView(s, s.rule() == null ? null : s.rule().inWords(), learning.evidence(s));
    }
}
