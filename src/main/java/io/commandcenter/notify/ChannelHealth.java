package io.commandcenter.notify;

import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Health of the notification channels for /actuator/health ("mail", "sms"). A channel that does not
 * answer makes CommandCenter {@link #DEGRADED}, never DOWN: the site keeps running without it
 * (application.properties maps DEGRADED to HTTP 200). Spring Boot's own mail check, which reports
 * DOWN, is switched off there.
 */
@Configuration(proxyBeanMethods = false)
public class ChannelHealth {

    /** Works, but a part that is not needed to keep the site safe does not. */
    public static final Status DEGRADED = new Status("DEGRADED", "running without this component");

    @Bean
    HealthIndicator mailHealthIndicator(ObjectProvider<JavaMailSender> mail, NotificationLogRepository log) {
        return () -> {
            JavaMailSender sender = mail.getIfAvailable();
            if (!(sender instanceof JavaMailSenderImpl smtp)) {
                return Health.up().withDetail("configured", false).build();
            }
            Health.Builder health;
            try {
                smtp.testConnection();
                health = Health.up();
            } catch (Exception e) {
                health = Health.status(DEGRADED).withDetail("error", String.valueOf(e.getMessage()));
            }
            health.withDetail("configured", true).withDetail("host", smtp.getHost() + ":" + smtp.getPort());
            return withLast(health, log.lastAttempt("EMAIL")).build();
        };
    }

    @Bean
    HealthIndicator smsHealthIndicator(SmsSender sms, NotificationLogRepository log) {
        return () -> {
            if (!sms.enabled()) {
                return Health.up().withDetail("configured", false).build();
            }
            // No free way to ping Twilio: the last attempt tells whether SMS gets through.
            Optional<Delivery> last = log.lastAttempt("SMS");
            boolean failing = last.map(d -> "FAILED".equals(d.status())).orElse(false);
            Health.Builder health = failing ? Health.status(DEGRADED) : Health.up();
            return withLast(health.withDetail("configured", true), last).build();
        };
    }

    private static Health.Builder withLast(Health.Builder health, Optional<Delivery> last) {
        last.ifPresent(d -> {
            health.withDetail("lastDelivery", d.status());
            if (d.detail() != null) {
                health.withDetail("lastError", d.detail());
            }
        });
        return health;
    }
}
