package io.commandcenter.notify;

import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * The notify facade: sends a {@link Notice} by email and SMS to the owner, as the settings allow,
 * and logs each delivery. Never throws for a failed channel: the failure is logged and returned.
 */
@Service
public class Notifications {

    private static final Log log = LogFactory.getLog(Notifications.class);

    private final NotificationSettingsService settings;
    private final NotificationLogRepository logRepository;
    private final ObjectProvider<JavaMailSender> mail;
    private final SmsSender sms;
    private final NotifyProperties properties;
    private final Clock clock;

    Notifications(NotificationSettingsService settings, NotificationLogRepository logRepository,
                  ObjectProvider<JavaMailSender> mail, SmsSender sms, NotifyProperties properties, Clock clock) {
        this.settings = settings;
        this.logRepository = logRepository;
        this.mail = mail;
        this.sms = sms;
        this.properties = properties;
        this.clock = clock;
    }

    public List<Delivery> send(Notice notice) {
        NotificationSettings s = settings.current();
        List<Delivery> deliveries = new ArrayList<>();
        String held = heldBack(notice, s);
        deliveries.add(held != null ? skipped("EMAIL", s.email(), notice, held) : email(s.email(), notice));
        if (notice.smsText() != null) {
            deliveries.add(held != null ? skipped("SMS", s.phone(), notice, held) : sms(s.phone(), notice));
        }
        deliveries.forEach(d -> logRepository.append(clock.instant(), d));
        return deliveries;
    }

    /** The latest deliveries, newest first. */
    public List<Delivery> recent(int limit) {
        return logRepository.recent(limit);
    }

    private String heldBack(Notice notice, NotificationSettings s) {
        if (notice.kind() != Notice.Kind.INFO) {
            return null;
        }
        if (s.criticalOnly()) {
            return "critical only";
        }
        if (s.quietAt(LocalTime.now(clock))) {
            return "quiet hours";
        }
        return null;
    }

    private Delivery email(String to, Notice notice) {
        JavaMailSender sender = mail.getIfAvailable();
        if (to == null || sender == null) {
            return skipped("EMAIL", to, notice, to == null ? "no email address" : "SMTP not configured");
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(properties.mailFrom());
            helper.setTo(to);
            helper.setSubject(notice.subject());
            helper.setText(notice.emailText(), false);
            sender.send(message);
            return new Delivery("EMAIL", to, notice.template(), "SENT", message.getMessageID(), null);
        } catch (Exception e) {
            log.warn("Email " + notice.template() + " to " + to + " failed: " + e.getMessage());
            return new Delivery("EMAIL", to, notice.template(), "FAILED", null, e.getMessage());
        }
    }

    private Delivery sms(String to, Notice notice) {
        if (to == null || !sms.enabled()) {
            return skipped("SMS", to, notice, to == null ? "no phone number" : "Twilio not configured");
        }
        try {
            return new Delivery("SMS", to, notice.template(), "SENT", sms.send(to, notice.smsText()), null);
        } catch (RuntimeException e) {
            log.warn("SMS " + notice.template() + " to " + to + " failed: " + e.getMessage());
            return new Delivery("SMS", to, notice.template(), "FAILED", null, e.getMessage());
        }
    }

    private static Delivery skipped(String channel, String to, Notice notice, String why) {
        return new Delivery(channel, to, notice.template(), "SKIPPED", null, why);
    }
}
