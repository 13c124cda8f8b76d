package io.commandcenter.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;

import io.commandcenter.notify.TwilioProperties;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The TwiML the webhook answers with, read back as XML the way Twilio reads it. */
class TwilioWebhookControllerTests {

    private static final String TOKEN = "test-auth-token";
    private static final String URL = "https://cc.example.org/webhooks/twilio/sms";
    private static final String OWNER = "+15550002222";

    private final TwilioProperties twilio = new TwilioProperties("AC" + "0123456789abcdef0123456789abcdef", TOKEN,
            "+15550001111", URL, List.of(OWNER), URI.create("https://api.twilio.com"));

    @Test
    void theAnswerIsOneMessageWithTheTextAsWritten() throws Exception {
        // Markup and a letter HTML escaping would write as an entity XML does not define (&eacute;).
        String answer = "Approuvé: switch <miner-2> off & \"water-heater\" on";
        var controller = new TwilioWebhookController(answering(answer), twilio);

        ResponseEntity<String> reply = controller.inboundSms(sms(OWNER, "YES 4821"), signature(OWNER, "YES 4821"));

        assertThat(reply.getStatusCode().value()).isEqualTo(200);
        assertThat(reply.getHeaders().getContentType()).isEqualTo(MediaType.TEXT_XML);
        Element response = parse(reply.getBody()).getDocumentElement();
        assertThat(response.getTagName()).isEqualTo("Response");
        assertThat(response.getChildNodes().getLength()).isEqualTo(1);
        Element message = (Element) response.getFirstChild();
        assertThat(message.getTagName()).isEqualTo("Message");
        assertThat(message.getTextContent()).isEqualTo(answer);
    }

    @Test
    void anUnknownNumberGetsAnEmptyResponse() throws Exception {
        var controller = new TwilioWebhookController(answering("never sent"), twilio);

        ResponseEntity<String> reply = controller.inboundSms(sms("+15559999999", "YES 4821"),
                signature("+15559999999", "YES 4821"));

        assertThat(reply.getHeaders().getContentType()).isEqualTo(MediaType.TEXT_XML);
        Element response = parse(reply.getBody()).getDocumentElement();
        assertThat(response.getTagName()).isEqualTo("Response");
        assertThat(response.hasChildNodes()).isFalse();
    }

    /** Only the SMS answer is used; nothing else in the service is reached. */
    private static ApprovalService answering(String answer) {
        return new ApprovalService(null, null, null, null, null, null, null, null, null) {
            @Override
            public String answerSms(String from, String body) {
                return answer;
            }
        };
    }

    private static MockHttpServletRequest sms(String from, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhooks/twilio/sms");
        form(from, body).forEach(request::addParameter);
        return request;
    }

    private static Map<String, String> form(String from, String body) {
        return new TreeMap<>(Map.of("From", from, "To", "+15550001111", "Body", body));
    }

    /** Twilio's scheme, written out independently of the SDK: HMAC-SHA1 over the public URL and sorted parameters. */
    private static String signature(String from, String body) throws Exception {
        StringBuilder data = new StringBuilder(URL);
        form(from, body).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
