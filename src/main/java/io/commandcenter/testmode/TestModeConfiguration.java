package io.commandcenter.testmode;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.commandcenter.engine.ActiveRules;
import io.commandcenter.engine.RuleDirectory;
import io.commandcenter.engine.RuleFile;
import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.facts.SiteSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TestModeProperties.class)
class TestModeConfiguration {

    /** Runs wait in a bounded queue; a full queue refuses new ones instead of piling up. */
    @Bean(destroyMethod = "shutdownNow")
    ThreadPoolExecutor testModeExecutor(TestModeProperties properties) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(properties.workers(), properties.workers(), 0,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(properties.queue()), r -> {
                    Thread t = new Thread(r, "testmode-" + n.incrementAndGet());
                    t.setDaemon(true);
                    t.setPriority(Thread.MIN_PRIORITY); // never compete with the live engine
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
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
