package io.commandcenter.agent;

import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureFlags;
import io.commandcenter.navigation.NavPage;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Chat with the site's agents. The page is a shell: its script posts to {@code /agents/chat}, shows
 * the progress events as they stream in, then the answer with its agent, tools, citations and any
 * suggested action with its approval state. With the AGENTS flag off it says so, and asking is refused.
 */
@Controller
class ChatPageController {

    private final FeatureFlags flags;

    ChatPageController(FeatureFlags flags) {
        this.flags = flags;
    }

    @Bean
    static NavPage chatNavPage() {
        return new NavPage("/chat", "Chat", 45);
    }

    @GetMapping(path = "/chat", produces = MediaType.TEXT_HTML_VALUE)
    String showChat(Model model) {
        model.addAttribute("agentsEnabled", flags.isEnabled(Feature.AGENTS));
        return "agent/chat";
    }
}
