package io.commandcenter.engine;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EngineProperties.class, RulesProperties.class, PreferencesProperties.class})
class EngineConfiguration {

    /** The one thread that owns the Drools sessions: one worker, tasks in the order they were queued. */
    @Bean
    ThreadPoolTaskExecutor rulesEngineThread() {
        return oneThread("rules-engine-");
    }

    /** Stores and passes on what the rules produced, in the order they produced it. */
    @Bean
    ThreadPoolTaskExecutor engineOutputThread() {
        return oneThread("engine-output-");
    }

    /** Writes the engine's memory (holds, cooldowns, the alarm) to PostgreSQL. */
    @Bean
    ThreadPoolTaskExecutor engineMemoryThread() {
        return oneThread("engine-memory-");
    }

    /** Builds the rules once at start-up, beside the rest of the start (RuleSetService). */
    @Bean
    ThreadPoolTaskExecutor ruleBuildThread() {
        return oneThread("rule-build-");
    }

    /**
     * One ordered worker that keeps taking work while the application closes and finishes its queue on shutdown:
     * {@code EngineService} and {@code SessionMemoryStore} shut theirs down in order (the sessions close, the last
     * decisions are stored, then the memory is written).
     */
    private static ThreadPoolTaskExecutor oneThread(String name) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix(name);
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }
}
