package io.commandcenter.agent;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import io.commandcenter.agent.kb.KnowledgeBase;
import io.commandcenter.approval.ApprovalService;
import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.engine.RulesEngine;
import io.commandcenter.learning.LearningService;
import io.commandcenter.testmode.LiveRules;
import io.commandcenter.timeseries.TimeseriesQueries;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Builds the agents with {@code AiServices.builder} (no LangChain4j Spring starter). A {@link ChatModel}
 * bean from elsewhere (a test's scripted model) wins over the configured model (OpenAI-compatible or
 * Anthropic, see {@link ChatModels}); with neither, the offline router answers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
class AgentConfiguration {

    static final String SOLAR_CONTROLLER = """
            You are the Solar Controller of an off-grid solar site. You report real-time status: battery,
            solar production and device power. Always call a tool for figures; never guess numbers.
            Answer briefly with the figures and when they were measured.""";

    static final String ENERGY_ORCHESTRATOR = """
            You are the Energy Orchestrator of an off-grid solar site. You explain the rules engine's decisions
            (call explain_decision) and learning's suggestions (call explain_suggestions), analyse trends and plan loads. For "what would happen if" questions about the
            owner's preferences, call simulate_preference_change and report its figures; never estimate them yourself.
            You never switch devices or change preferences: to recommend a switch,
            call suggest_device_action, which creates a pending action a person must approve. Cite site documents
            found with kb_search as [document § section].""";

    /**
     * Streamed chats (POST /agents/chat as text/event-stream): two answered at once, more wait their turn. A chat
     * still running when the application stops is interrupted.
     */
    @Bean
    ThreadPoolTaskExecutor agentStreams() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setThreadNamePrefix("agent-stream-");
        return executor;
    }

    @Bean
    KnowledgeBase knowledgeBase(JdbcClient jdbc, AgentProperties properties, Clock clock) {
        return new KnowledgeBase(jdbc, Path.of(properties.kb().dir()), clock);
    }

    @Bean
    AgentTools agentTools(TimeseriesQueries queries, RulesEngine engine, KnowledgeBase knowledgeBase,
                          ObjectProvider<ApprovalService> approvals, ObjectProvider<LiveRules> liveRules,
                          ObjectProvider<LearningService> learning, AgentProperties properties, Clock clock) {
        ApprovalService approval = approvals.getIfAvailable();
        ActionSuggestions suggestions = approval == null ? new ApprovalsUnavailable() : new ApprovalSuggestions(approval, clock);
        LiveRules live = liveRules.getIfAvailable();
        PreferenceDryRun dryRun = live == null ? null : new PreferenceDryRun(live, properties.dryRun().scenario());
        return new AgentTools(queries, engine, knowledgeBase, suggestions, dryRun, clock, () -> {
            LearningService l = learning.getIfAvailable();
            return l == null ? "Learning is not available here." : l.explain();
        });
    }

    @Bean
    OfflineRouter offlineRouter(DeviceRegistry registry) {
        return new OfflineRouter(() -> registry.findAll().stream().map(Device::name).toList());
    }

    /** The model's health ("model" in /actuator/health). */
    @Bean
    ModelHealth modelHealthIndicator(AgentProperties properties, ObjectProvider<ChatModel> chatModel, Clock clock) {
        return new ModelHealth(chatModel.getIfAvailable() != null || ChatModels.fromProperties(properties) != null, clock);
    }

    @Bean
    AgentService agentService(AgentTools tools, OfflineRouter router, AgentProperties properties,
                              ObjectProvider<ChatModel> chatModel, JdbcClient jdbc, Clock clock, ModelHealth health) {
        ChatModel model = chatModel.getIfAvailable(() -> ChatModels.fromProperties(properties));
        Map<String, SiteAgent> agents = new LinkedHashMap<>();
        if (model != null) {
            agents.put("SolarController", agent(model, tools, SOLAR_CONTROLLER));
            agents.put("EnergyOrchestrator", agent(model, tools, ENERGY_ORCHESTRATOR));
        }
        return new AgentService(tools, router, agents, new ConversationRepository(jdbc), clock, health);
    }

    private static SiteAgent agent(ChatModel model, AgentTools tools, String systemMessage) {
        return AiServices.builder(SiteAgent.class)
                .chatModel(model)
                .tools(tools)
                .systemMessageProvider(memoryId -> systemMessage)
                .build();
    }
}
