package io.commandcenter.engine;

import java.security.Principal;

import io.commandcenter.navigation.NavPage;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The rules and settings pages. They are shells: their scripts use the engine's REST API ({@code /engine/rules}, {@code /engine/tables}, {@code /preferences}) from
 * their scripts, with the signed-in session and its CSRF token. The site mode section of the settings page is a
 * plain form.
 */
@Controller
class RulesPageController {

    private final SiteModeService siteModes;

    RulesPageController(SiteModeService siteModes) {
        this.siteModes = siteModes;
    }

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
    String showSettings(Model model) {
        model.addAttribute("siteModes", siteModes.all());
        model.addAttribute("activeMode", siteModes.active());
        model.addAttribute("modeSwitches", siteModes.recentSwitches(5));
        return "settings/settings";
    }

    /** An operator switches the site mode from the settings page. */
    @PostMapping("/settings/site-mode")
    String switchSiteMode(@RequestParam String mode, @RequestParam(defaultValue = "") String reason, Principal user) {
        siteModes.switchTo(mode, user.getName(), reason);
        return "redirect:/settings#site-mode";
    }
}
