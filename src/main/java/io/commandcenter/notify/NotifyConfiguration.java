package io.commandcenter.notify;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotifyProperties.class, TwilioProperties.class})
class NotifyConfiguration {

    /** The executor {@link AlertNotifier}'s listeners run on ({@code @Async}). */
    static final String ALERTS = "notifyThread";

    /**
     * Sends alerts one at a time, in the order they were raised, away from the threads that raised them (a slow
     * mail server holds up no decision and no command). It keeps taking alerts while the application closes and
     * waits a few seconds for its queue; an alert still unsent then stays incomplete in the event publication
     * registry and goes out at the next start.
     */
    @Bean(ALERTS)
    ThreadPoolTaskExecutor notifyThread() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix("notify-");
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(5);
        return executor;
    }
}
