package io.commandcenter.engine;

import io.commandcenter.navigation.NavPage;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The rules and settings pages. They are shells: their scripts use the engine's REST API ({@code /engine/rules}, {@code /engine/tables}, {@code /preferences}) from
 * their scripts, with the signed-in session and its CSRF token.
 */
@Controller
class RulesPageController {

    @Bean
    static NavPage rulesNavPage() {
        return new NavPage("/rules", "Rules", 30);
    }

    @Bean
    static NavPage settingsNavPage() {
        return new NavPage("/settings", "Settings", 50);
    }

    @GetMapping("/rules")
    String showRules() {
        return "rules/rules";
    }

    @GetMapping("/settings")
    String showSettings() {
        return "settings/settings";
    }
}
