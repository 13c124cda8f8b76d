package io.commandcenter.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.Result;

/**
 * The agents' facade. The Manager routes each question to the Solar Controller (live status) or the
 * Energy Orchestrator (planning, explanations, suggestions); with no model configured the offline
 * router answers with the same tools. Every conversation is stored.
 */
public class AgentService {

    private final AgentTools tools;
    private final OfflineRouter router;
    private final Map<String, SiteAgent> agents;
    private final ConversationRepository conversations;
    private final Clock clock;
    private final ModelHealth health;

    AgentService(AgentTools tools, OfflineRouter router, Map<String, SiteAgent> agents,
                 ConversationRepository conversations, Clock clock, ModelHealth health) {
        this.health = health;
        this.tools = tools;
        this.router = router;
        this.agents = agents;
        this.conversations = conversations;
        this.clock = clock;
    }

    /** True when no model is configured and the offline router answers. */
    public boolean offline() {
        return agents.isEmpty();
    }

    /** Answers one question through the Manager; {@code progress} receives lines like "Calling Shelly API…" as tools run. */
    public ChatAnswer ask(String question, Requester requester, Consumer<String> progress) {
        return ask(question, AgentChoice.MANAGER, requester, progress);
    }

    /**
     * Answers one question put to {@code asked}: the Manager routes it; a chosen agent answers itself and,
     * offline, only with its own tools (a question outside them gets a plain "ask the other agent").
     * A suggestion becomes a pending action only when {@code requester} may queue actions.
     */
    public ChatAnswer ask(String question, AgentChoice asked, Requester requester, Consumer<String> progress) {
        long started = System.nanoTime();
        Instant askedAt = clock.instant();
        AgentTools.Session session = new AgentTools.Session(progress, requester, question);
        AgentTools.SESSION.set(session);
        try {
            OfflineRouter.Route route = router.route(question);
            String agent;
            if (asked == AgentChoice.MANAGER) {
                agent = route.agent();
                progress.accept("Manager: routing to " + agent + "…");
            } else {
                agent = asked.agent();
                progress.accept("Asking the " + agent + " directly…");
            }
            String answer;
            Integer in = null;
            Integer out = null;
            if (offline() && !asked.covers(route.tool())) {
                answer = router.outOfScope(route, asked);
            } else if (offline()) {
                answer = router.answer(question, route, tools);
            } else {
                Result<String> result;
                try {
                    result = agents.get(agent).answer(question);
                    health.succeeded();
                } catch (RuntimeException e) {
                    health.failed(e);
                    throw e;
                }
                answer = result.content();
                TokenUsage usage = result.tokenUsage();
                if (usage != null) {
                    in = usage.inputTokenCount();
                    out = usage.outputTokenCount();
                }
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            ChatAnswer chat = new ChatAnswer(UUID.randomUUID(), agent, asked.id(), answer, List.copyOf(session.citations),
                    List.copyOf(session.calls), ms, in, out, session.suggestion, offline());
            conversations.save(new Conversation(chat.conversationId(), askedAt, question, agent, answer,
                    chat.toolsCalled().stream().map(ToolCall::tool).toList(), chat.citations(), chat.offline(), ms,
                    in, out, session.suggestion == null ? null
                    : session.suggestion.device() + (session.suggestion.on() ? " on" : " off") + " (" + session.suggestion.state() + ")"));
            return chat;
        } finally {
            AgentTools.SESSION.remove();
        }
    }

    public List<Conversation> conversations(int limit) {
        return conversations.latest(limit);
    }

    public Optional<Conversation> conversation(UUID id) {
        return conversations.find(id);
    }
}
