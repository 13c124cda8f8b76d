package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.commandcenter.IntegrationTest;
import io.commandcenter.engine.facts.ConfirmationMode;
import io.commandcenter.notify.NotificationSettings;
import io.commandcenter.notify.NotificationSettingsService;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.ReadingsStored;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rules engine's thread only runs rules: every database connection and every mail sent is watched, and none may
 * come from the engine thread ("rules-engine-1"), while readings raise a low-battery alarm (stored, mailed), a
 * person's command is judged (stored) and the rules decide on their own (stored, proposed).
 */
@IntegrationTest
@Import(EngineThreadIoIntegrationTests.Watch.class)
class EngineThreadIoIntegrationTests {

    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final Queue<String> ENGINE_THREAD_IO = new ConcurrentLinkedQueue<>();

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    /** Wraps the data source and the mail sender to note any use from the engine thread. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Watch {
        @Bean
        static BeanPostProcessor engineThreadWatch() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof DataSource) {
                        return watched(bean, DataSource.class, "JDBC");
                    }
                    if (bean instanceof JavaMailSender) {
                        return watched(bean, JavaMailSender.class, "SMTP");
                    }
                    return bean;
                }
            };
        }

        @SuppressWarnings("unchecked")
        private static <T> T watched(Object target, Class<T> type, String what) {
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                if (Thread.currentThread().getName().startsWith("rules-engine-")) {
                    ENGINE_THREAD_IO.add(what + " " + method.getName());
                }
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }
    }

    @Autowired ApplicationEventPublisher events;
    @Autowired RulesEngine engine;
    @Autowired NotificationSettingsService settings;
    @Autowired JdbcClient jdbc;

    @Test
    void theEngineThreadNeitherQueriesTheDatabaseNorSendsMail() throws Exception {
        settings.save(new NotificationSettings("owner@example.org", null, false, null, null, ConfirmationMode.NEVER),
                "test");
        try {
            ENGINE_THREAD_IO.clear();
            battery(29.5); // below the default minimum of 30 %: the low-battery alarm, by mail
            Decision manual = engine.evaluate(ActionRequest.of("miner-1", false, Source.MANUAL, "alice", "test",
                    Instant.now()));

            await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length >= 1);
            assertThat(smtp.getReceivedMessages()[0].getSubject()).contains("battery low");
            assertThat(jdbc.sql("SELECT count(*) FROM engine.decisions WHERE request_id = :id")
                    .param("id", manual.requestId()).query(Long.class).single()).as("the decision was stored")
                    .isEqualTo(1);
            assertThat(ENGINE_THREAD_IO).as("I/O on the engine thread").isEmpty();
        } finally {
            battery(80);
        }
    }

    private void battery(double soc) throws InterruptedException {
        events.publishEvent(ReadingsStored.ofBattery(List.of(new BatteryReading("home", Instant.now(), soc, 52, -10,
                null))));
        Thread.sleep(20);
    }
}
