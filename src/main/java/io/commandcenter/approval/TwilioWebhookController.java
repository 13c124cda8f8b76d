package io.commandcenter.approval;

import java.util.HashMap;
import java.util.Map;

import com.twilio.security.RequestValidator;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Message;
import io.commandcenter.notify.TwilioProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inbound SMS from Twilio. The signature is checked against the configured public URL (the one
 * Twilio called, not what this server sees behind a proxy) over every received parameter.
 */
@RestController
class TwilioWebhookController {

    private static final Log log = LogFactory.getLog(TwilioWebhookController.class);

    private final ApprovalService approvals;
    private final TwilioProperties twilio;

    TwilioWebhookController(ApprovalService approvals, TwilioProperties twilio) {
        this.approvals = approvals;
        this.twilio = twilio;
    }

    @PostMapping(path = "/webhooks/twilio/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> inboundSms(HttpServletRequest request,
                                      @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
        Map<String, String> params = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> params.put(name, values.length == 0 ? "" : values[0]));
        if (!twilio.enabled() || twilio.publicWebhookUrl() == null || signature == null
                || !new RequestValidator(twilio.authToken()).validate(twilio.publicWebhookUrl(), params, signature)) {
            log.warn("Refused an SMS webhook with a missing or wrong signature from " + request.getRemoteAddr());
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body("Forbidden");
        }
        String from = params.getOrDefault("From", "");
        if (!twilio.ownerNumbers().contains(from)) {
            // Someone else texted the number: no answer, nothing done.
            log.warn("Ignored an SMS from unknown number " + from);
            return twiml(null);
        }
        return twiml(approvals.answerSms(from, params.get("Body")));
    }

    /** The reply as TwiML; no message is an empty {@code <Response/>}: Twilio then sends nothing back. */
    private static ResponseEntity<String> twiml(String message) {
        MessagingResponse.Builder response = new MessagingResponse.Builder();
        if (message != null) {
            // The SDK escapes for XML (HTML escaping wrote entities such as &eacute; that XML does not know).
            response.message(new Message.Builder(message).build());
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(response.build().toXml());
    }
}
