package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import io.commandcenter.engine.facts.BatteryNow;
import org.junit.jupiter.api.Test;

class RememberingClassLoaderTests {

    /** Counts how often the application's loader is really asked. */
    static final class CountingLoader extends ClassLoader {
        final AtomicInteger asked = new AtomicInteger();

        CountingLoader() {
            super(RememberingClassLoaderTests.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.incrementAndGet();
            return super.loadClass(name, resolve);
        }

        @Override
        public java.net.URL getResource(String name) {
            asked.incrementAndGet();
            return super.getResource(name);
        }
    }

    @Test
    void givesTheApplicationsOwnClassesAndAsksOnlyOnceForAMissingOne() throws Exception {
        CountingLoader app = new CountingLoader();
        RememberingClassLoader loader = new RememberingClassLoader(app);

        assertThat(loader.loadClass(BatteryNow.class.getName())).isSameAs(BatteryNow.class);

        int before = app.asked.get();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> loader.loadClass("rules.NoSuchClass")).isInstanceOf(ClassNotFoundException.class);
        }
        assertThat(app.asked.get() - before).as("the miss is remembered").isEqualTo(1);

        String resource = BatteryNow.class.getName().replace('.', '/') + ".class";
        before = app.asked.get();
        assertThat(loader.getResource(resource)).isEqualTo(loader.getResource(resource)).isNotNull();
        assertThat(app.asked.get() - before).isEqualTo(1);
    }

    @Test
    void neverSearchesTheApplicationForTheClassFilesABuildGenerates() {
        CountingLoader app = new CountingLoader();
        RememberingClassLoader loader = new RememberingClassLoader(app);

        assertThat(loader.getResource("rules/P5C/LambdaPredicate5C1A2B3C4D.class")).isNull();
        assertThat(loader.getResource("org/drools/project/model/ProjectModel_io_commandcenter_rules_1_0_7.class"))
                .isNull();
        assertThat(app.asked.get()).isZero();

        assertThat(loader.getResource("rules/safety.drl")).as("rule files are still found").isNotNull();
        assertThat(app.asked.get()).isEqualTo(1);
    }
}
