package io.commandcenter.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The Twilio SDK's transport, sending to a configurable base URL. The SDK has no base-URL setting;
 * this keeps the SDK's request building and parsing while letting tests run a local Twilio-shaped server.
 */
class TwilioHttpClient extends HttpClient {

    private final URI baseUrl;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).build();

    TwilioHttpClient(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public Response makeRequest(Request request) {
        URI sdkUrl = URI.create(request.constructURL().toString());
        String path = sdkUrl.getRawPath() + (sdkUrl.getRawQuery() == null ? "" : "?" + sdkUrl.getRawQuery());
        String base = baseUrl.toString().replaceAll("/+$", "");
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json");
        if (request.getUsername() != null) {
            String basic = request.getUsername() + ":" + request.getPassword();
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        String form = request.encodeFormBody();
        switch (request.getMethod()) {
            case POST -> builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form == null ? "" : form));
            case DELETE -> builder.DELETE();
            default -> builder.GET();
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.body(), response.statusCode());
        } catch (IOException e) {
            throw new com.twilio.exception.ApiConnectionException("Twilio unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new com.twilio.exception.ApiConnectionException("Interrupted", e);
        }
    }
}
