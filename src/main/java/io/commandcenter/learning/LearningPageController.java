package io.commandcenter.learning;

import java.security.Principal;
import java.util.List;

import io.commandcenter.learning.Suggestion.Status;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The suggestions section of /automation, loaded into the page by htmx: each offered suggestion with its confidence,
 * its evidence (each occurrence linked to its decisions) and its dry run; Accept, Accept switched off and Dismiss for
 * admins; what was accepted, dismissed or withheld below.
 */
@Controller
class LearningPageController {

    record Line(Suggestion suggestion, String ruleInWords, List<Observation> evidence) {
    }

    private final LearningService learning;

    LearningPageController(LearningService learning) {
        this.learning = learning;
    }

    @GetMapping("/automation/suggestions")
    String section(Model model) {
        List<Line> lines = learning.all().stream().map(s -> new Line(s, s.rule() == null ? null : s.rule().inWords(),
                learning.evidence(s))).toList();
        model.addAttribute("offered", lines.stream().filter(l -> l.suggestion().status() == Status.OFFERED).toList());
        model.addAttribute("others", lines.stream().filter(l -> l.suggestion().status() != Status.OFFERED).toList());
        return "learning/suggestions :: section";
    }

    @PostMapping("/automation/suggestions/{id}/accept")
    String accept(@PathVariable long id, @RequestParam(defaultValue = "true") boolean enabled, Principal user,
                  Model model) {
        learning.accept(id, enabled, user.getName());
        return section(model);
    }

    @PostMapping("/automation/suggestions/{id}/dismiss")
    String dismiss(@PathVariable long id, Principal user, Model model) {
        learning.dismiss(id, user.getName());
        return section(model);
    }
}
