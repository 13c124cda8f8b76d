package io.commandcenter.notify;

import java.time.Duration;
import java.time.LocalTime;

import io.commandcenter.engine.facts.ConfirmationMode;
import io.commandcenter.validation.PhoneNumber;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
@Validated
record NotifyProperties(@DefaultValue("commandcenter@localhost") @NotBlank String mailFrom, @Email String email,
                        @PhoneNumber String phone,
                        @DefaultValue("false") boolean criticalOnly, LocalTime quietStart, LocalTime quietEnd,
                        @DefaultValue("NEVER") @NotNull ConfirmationMode confirmationMode,
                        @DefaultValue("30m") @NotNull @DurationMin Duration alertRepeatAfter) {
}
