package io.commandcenter.testmode;

import java.util.List;
import java.util.Optional;

import io.commandcenter.engine.ActiveRules;
import io.commandcenter.engine.RuleDirectory;
import io.commandcenter.engine.RuleFile;
import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.facts.SiteSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TestModeProperties.class)
class TestModeConfiguration {

    /**
     * Dry runs: they wait in a bounded queue; a full queue refuses new ones instead of piling up. A run still going
     * when the application stops is cut off (and marked failed at the next start).
     */
    @Bean
    ThreadPoolTaskExecutor testModeExecutor(TestModeProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(properties.workers());
        executor.setMaxPoolSize(properties.workers());
        executor.setQueueCapacity(properties.queue());
        executor.setThreadNamePrefix("testmode-");
        executor.setThreadPriority(Thread.MIN_PRIORITY); // never compete with the live engine
        executor.setDaemon(true);
        return executor;
    }

    /**
     * The one thread that owns shadow mode's session. It keeps taking work while the application closes (a caller
     * waiting on it is answered, not parked), until shadow mode has closed its session.
     */
    @Bean
    ThreadPoolTaskExecutor shadowModeThread() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix("testmode-shadow-");
        executor.setDaemon(true);
        executor.setAcceptTasksAfterContextClose(true);
        return executor;
    }

    /** The scenario safety gate's runs, side by side, one thread per core. */
    @Bean
    ThreadPoolTaskExecutor safetyGateExecutor() {
        int cores = Runtime.getRuntime().availableProcessors();
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(cores);
        executor.setMaxPoolSize(cores);
        executor.setThreadNamePrefix("safety-gate-");
        executor.setDaemon(true);
        return executor;
    }

    /** The live engine's active rules and stored preferences; the rules folder when no engine runs. */
    @Bean
    LiveRules liveRules(ObjectProvider<ActiveRules> engine) {
        ActiveRules active = engine.getIfAvailable();
        if (active == null) {
            return new RulesFolder();
        }
        return new LiveRules() {
            @Override
            public List<RuleFile> files() {
                return active.files();
            }

            @Override
            public RuleSet ruleSet() {
                return active.ruleSet();
            }

            @Override
            public SiteSettings settings() {
                return active.settings();
            }

            @Override
            public Optional<List<RuleFile>> version(int version) {
                return active.version(version);
            }
        };
    }

    /** The rules folder and default settings; rebuilt only when the files change. */
    static final class RulesFolder implements LiveRules {
        private List<RuleFile> built;
        private RuleSet ruleSet;

        @Override
        public List<RuleFile> files() {
            return new RuleDirectory(RuleSets.DEFAULT_DIR).load();
        }

        @Override
        public synchronized RuleSet ruleSet() {
            List<RuleFile> files = files();
            if (ruleSet == null || !files.equals(built)) {
                ruleSet = RuleSets.build(files);
                built = files;
            }
            return ruleSet;
        }

        @Override
        public SiteSettings settings() {
            return SettingsOverrides.defaults();
        }
    }
}
