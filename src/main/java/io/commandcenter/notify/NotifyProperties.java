package io.commandcenter.notify;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notification defaults until the owner saves settings, and alert timing.
 *
 * @param mailFrom          sender address of every email
 * @param email             default recipient email
 * @param phone             default recipient phone (E.164)
 * @param criticalOnly      default "critical only"
 * @param quietStart        default start of quiet hours, none when unset
 * @param quietEnd          default end of quiet hours
 * @param confirmationMode  default confirmation mode; NEVER so a fresh install without a recipient keeps acting
 * @param alertRepeatAfter  the same alert is not sent again within this time (no spam from a repeating block)
 */
@ConfigurationProperties("commandcenter.notify")
record NotifyProperties(@DefaultValue("commandcenter@localhost") String mailFrom, String email, String phone,
                        @DefaultValue("false") boolean criticalOnly, LocalTime quietStart, LocalTime quietEnd,
                        @DefaultValue("NEVER") ConfirmationMode confirmationMode,
                        @DefaultValue("30m") Duration alertRepeatAfter) {
}
