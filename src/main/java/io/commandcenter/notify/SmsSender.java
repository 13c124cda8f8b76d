package io.commandcenter.notify;

import com.twilio.Twilio;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.springframework.stereotype.Component;

/** Sends SMS through the Twilio SDK. */
@Component
class SmsSender {

    private final TwilioProperties twilio;
    private volatile boolean initialised;

    SmsSender(TwilioProperties twilio) {
        this.twilio = twilio;
    }

    boolean enabled() {
        return twilio.enabled() && twilio.fromNumber() != null;
    }

    /** @return the Twilio message SID */
    String send(String to, String body) {
        init();
        Message message = Message.creator(new PhoneNumber(to), new PhoneNumber(twilio.fromNumber()), body).create();
        return message.getSid();
    }

    private synchronized void init() {
        if (initialised) {
            return;
        }
        // Twilio.init resets the rest client, so the custom transport goes in afterwards.
        Twilio.init(twilio.accountSid(), twilio.authToken());
        Twilio.setRestClient(new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
                .httpClient(new TwilioHttpClient(twilio.apiBaseUrl())).build());
        initialised = true;
    }
}
