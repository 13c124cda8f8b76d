package io.commandcenter.notify;

import java.net.URI;
import java.util.List;

import io.commandcenter.validation.PhoneNumber;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Twilio SMS. SMS is off while account-sid is unset.
 *
 * @param accountSid       account SID (AC...)
 * @param authToken        auth token; also the key that signs inbound webhooks. From the environment.
 * @param fromNumber       the Twilio number messages come from
 * @param publicWebhookUrl the exact URL Twilio calls for inbound SMS (signatures are over it),
 *                         e.g. https://site.example.org/webhooks/twilio/sms
 * @param ownerNumbers     numbers whose replies are accepted
 * @param apiBaseUrl       Twilio REST base URL; tests point it at a local Twilio-shaped server
 */
@ConfigurationProperties("commandcenter.twilio")
@Validated
public record TwilioProperties(String accountSid, String authToken, String fromNumber, String publicWebhookUrl,
                               // Compared as they are with Twilio's From (E.164): any other form never matches.
                               @DefaultValue @NotNull List<@PhoneNumber String> ownerNumbers,
                               @DefaultValue("https://api.twilio.com") @NotNull URI apiBaseUrl) {

    public boolean enabled() {
        return accountSid != null && !accountSid.isBlank() && authToken != null && !authToken.isBlank();
    }
}
