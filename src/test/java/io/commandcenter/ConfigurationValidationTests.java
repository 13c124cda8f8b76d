package io.commandcenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.commandcenter.control.ControlProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindException;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.validation.FieldError;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code commandcenter.*} settings record, bound and validated the way Spring Boot does it at start, without
 * the rest of the application: a bad value stops the start with the property's name, the shipped defaults do not.
 */
class ConfigurationValidationTests {

    /** All the settings records, found the way the application would find them, and nothing else. */
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("io.commandcenter")
    static class AllSettings {
    }

    private final ApplicationContextRunner context = settings("application.properties");

    @Test
    void theShippedDefaultsBind() {
        context.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            // Each one is checked at start; a record without @Validated would be bound unchecked.
            assertThat(ctx.getBeansWithAnnotation(ConfigurationProperties.class).values())
                    .hasSizeGreaterThanOrEqualTo(19)
                    .allSatisfy(settings -> assertThat(settings.getClass()).hasAnnotation(Validated.class));
            ControlProperties control = ctx.getBean(ControlProperties.class);
            assertThat(control.attempts()).isEqualTo(3);
            assertThat(control.verifyTimeout()).hasSeconds(2);
        });
    }

    @Test
    void theTestConfigurationBinds() {
        settings("application-test.properties", "application.properties").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(ControlProperties.class).verifyTimeout()).hasMillis(1500);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            commandcenter.control.attempts=0                     | must be greater than 0
            commandcenter.control.verify-timeout=-1s             | must be longer than or equal to 0
            commandcenter.control.local-timeout=0s               | must be longer than 0
            commandcenter.shelly.call.max-attempts=0             | must be greater than 0
            commandcenter.victron.call.circuit-failure-rate=120  | must be less than or equal to 100
            commandcenter.security.sign-in.lockout=0s            | must be longer than 0
            commandcenter.preferences.min-soc=101                | must be less than or equal to 100
            commandcenter.simulator.port=70000                   | must be between 0 and 65535
            commandcenter.twilio.owner-numbers=555-1234          | must be an E.164 number
            commandcenter.secrets.key=not-a-key                  | must be base64 of 32 bytes
            commandcenter.agent.provider=gpt                     | must be openai, anthropic or blank
            commandcenter.testmode.queue=0                       | must be greater than 0
            """)
    void aBadValueStopsTheStartNamingTheProperty(String property, String reason) {
        context.withPropertyValues(property).run(ctx -> {
            assertThat(ctx).hasFailed();
            Throwable failure = ctx.getStartupFailure();
            assertThat(failure).isInstanceOf(ConfigurationPropertiesBindException.class);
            ValidationErrors errors = validationIn(failure).getValidationErrors();
            ConfigurationPropertyName written = ConfigurationPropertyName.of(property.substring(0, property.indexOf('=')));
            // Spring Boot's start-up report names each refused property as prefix + field ("Property: ..."); for a
            // nested record or a list element that is the camel-case path, the same property to the binder.
            assertThat(errors.getAllErrors()).singleElement().isInstanceOfSatisfying(FieldError.class, error -> {
                ConfigurationPropertyName reported =
                        ConfigurationPropertyName.adapt(errors.getName() + "." + error.getField(), '.');
                assertThat(written.equals(reported) || written.isParentOf(reported))
                        .as("%s names %s", reported, written).isTrue();
                assertThat(error.getDefaultMessage()).contains(reason);
            });
        });
    }

    /** The settings records with these classpath files, the first one winning; the runner's own values win over all. */
    private static ApplicationContextRunner settings(String... files) {
        return new ApplicationContextRunner().withUserConfiguration(AllSettings.class).withInitializer(ctx -> {
            for (String file : files) {
                try {
                    ctx.getEnvironment().getPropertySources().addLast(new ResourcePropertySource("classpath:" + file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    private static BindValidationException validationIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindValidationException validation) {
                return validation;
            }
        }
        throw new AssertionError("not a validation failure", failure);
    }
}
