package io.commandcenter.agent;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureFlags;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping({"/agents", "/api/v1/agents"})
class AgentController {

    /** @param agent manager (default), solar-controller or energy-orchestrator */
    record ChatRequest(@jakarta.validation.constraints.NotBlank
                       @io.commandcenter.validation.PlainText(max = io.commandcenter.validation.Limits.QUESTION, multiLine = true) String question,
                       @io.commandcenter.validation.PlainText(max = io.commandcenter.validation.Limits.NAME) String agent) {
    }

    private final AgentService agents;
    private final RoleHierarchy roles;
    private final FeatureFlags flags;
    private final TaskExecutor streams;

    AgentController(AgentService agents, RoleHierarchy roles, FeatureFlags flags,
                    @Qualifier("agentStreams") TaskExecutor streams) {
        this.agents = agents;
        this.roles = roles;
        this.flags = flags;
        this.streams = streams;
    }

    @PostMapping(path = "/chat", produces = MediaType.APPLICATION_JSON_VALUE)
    ChatAnswer chat(@jakarta.validation.Valid @RequestBody ChatRequest request, Authentication user) {
        checkSwitchedOn();
        return agents.ask(question(request), agent(request), requester(user), line -> { });
    }

    /** Streams "progress" events while tools run, then one "answer" event with the {@link ChatAnswer}. */
    @PostMapping(path = "/chat", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter chatStream(@jakarta.validation.Valid @RequestBody ChatRequest request, Authentication user) {
        checkSwitchedOn();
        String question = question(request);
        AgentChoice agent = agent(request);
        Requester requester = requester(user);
        SseEmitter emitter = new SseEmitter(180_000L);
        streams.execute(() -> {
            try {
                ChatAnswer answer = agents.ask(question, agent, requester, line -> send(emitter, "progress", line));
                emitter.send(SseEmitter.event().name("answer").data(answer, MediaType.APPLICATION_JSON));
                emitter.complete();
            } catch (Exception e) {
                send(emitter, "error", e.getMessage() == null ? e.toString() : e.getMessage());
                emitter.complete();
            }
        });
        return emitter;
    }

    @GetMapping("/conversations")
    List<Conversation> conversations(@RequestParam(defaultValue = "50") int limit) {
        io.commandcenter.validation.InvalidParams.checkLimit("limit", limit);
        return agents.conversations(limit);
    }

    @GetMapping(path = "/conversations/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Conversation conversation(@PathVariable UUID id) {
        return find(id);
    }

    @GetMapping(path = "/conversations/{id}.md", produces = "text/markdown")
    ResponseEntity<String> markdown(@PathVariable UUID id) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/markdown;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=conversation-" + id + ".md")
                .body(find(id).toMarkdown());
    }

    /** Past conversations stay readable with the AGENTS flag off; only asking is refused. */
    private void checkSwitchedOn() {
        if (!flags.isEnabled(Feature.AGENTS)) {
            throw new AgentsSwitchedOff();
        }
    }

    private Conversation find(UUID id) {
        return agents.conversation(id).orElseThrow(() -> new UnknownConversation(id));
    }

    /** The operator role's authority, as the security configuration grants it. */
    private static final String OPERATOR = "ROLE_OPERATOR";

    /** Operators and admins (the role hierarchy decides) may have suggestions queued; viewers only hear them. */
    private Requester requester(Authentication user) {
        if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
            return Requester.readOnly("anonymous");
        }
        boolean operator = roles.getReachableGrantedAuthorities(user.getAuthorities()).stream()
                .anyMatch(a -> OPERATOR.equals(a.getAuthority()));
        return operator ? Requester.operator(user.getName()) : Requester.readOnly(user.getName());
    }

    private static String question(ChatRequest request) {
        if (request == null || request.question() == null || request.question().isBlank()) {
            throw new QuestionRejected("empty-question", "Ask a question");
        }
        return request.question().strip();
    }

    private static AgentChoice agent(ChatRequest request) {
        return AgentChoice.of(request.agent()).orElseThrow(() -> new QuestionRejected("unknown-agent",
                "No agent called '" + request.agent() + "'; ask manager, solar-controller or energy-orchestrator"));
    }

    private static void send(SseEmitter emitter, String name, String data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data));
        } catch (IOException | IllegalStateException e) {
            // The browser went away; the answer is still stored.
        }
    }
}
