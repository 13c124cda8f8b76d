package io.commandcenter.testmode;

import java.util.List;

import io.commandcenter.navigation.NavPage;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Dry runs: the page lists the shipped scenarios; starting a run, following it and reading its report
 * go through test mode's REST API ({@code /simulations}) from the page's script.
 */
@Controller
class SimulationsPageController {

    @Bean
    static NavPage simulationsNavPage() {
        return new NavPage("/simulations", "Simulations", 40);
    }

    record ScenarioChoice(String file, String label) {
    }

    @GetMapping(path = "/simulations", produces = org.springframework.http.MediaType.TEXT_HTML_VALUE)
    String showSimulations(Model model) {
        List<ScenarioChoice> scenarios = ScenarioCatalog.shipped().load().stream()
                .filter(e -> e.scenario() != null)
                .map(e -> new ScenarioChoice(e.file(), e.file() + " — " + e.scenario().name()))
                .toList();
        model.addAttribute("scenarios", scenarios);
        return "simulations/simulations";
    }
}
