package io.commandcenter.agent;

import io.commandcenter.navigation.NavPage;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Chat with the site's agents. The page is a shell: its script posts to {@code /agents/chat}, shows
 * the progress events as they stream in, then the answer with its agent, tools, citations and any
 * suggested action with its approval state.
 */
@Controller
class ChatPageController {

    @Bean
    static NavPage chatNavPage() {
        return new NavPage("/chat", "Chat", 45);
    }

    @GetMapping(path = "/chat", produces = MediaType.TEXT_HTML_VALUE)
    String showChat() {
        return "agent/chat";
    }
}
