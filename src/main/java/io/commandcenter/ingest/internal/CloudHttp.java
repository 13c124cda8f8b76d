package io.commandcenter.ingest.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import io.commandcenter.ingest.CallSettings;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.CloudException.Kind;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Plain HTTP to one cloud with timeouts: returns the body of a 2xx answer as text and turns everything else into a
 * {@link CloudException} of the right kind (429 and 503 carry their {@code Retry-After}). Parsing is the caller's.
 */
public final class CloudHttp {

    private static final int SNIPPET = 200;

    private final RestClient rest;
    private final Clock clock;

    public CloudHttp(URI baseUrl, CallSettings settings, Clock clock) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(settings.readTimeout());
        String base = baseUrl.toString();
        this.rest = RestClient.builder()
                .baseUrl(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                .requestFactory(factory)
                .build();
        this.clock = clock;
    }

    public String get(String path, Consumer<HttpHeaders> headers) {
        return send(rest.method(HttpMethod.GET).uri(path).headers(headers), path);
    }

    public String postJson(String path, Object body, Consumer<HttpHeaders> headers) {
        return send(rest.method(HttpMethod.POST).uri(path).headers(headers)
                .contentType(MediaType.APPLICATION_JSON).body(body), path);
    }

    public String postForm(String path, MultiValueMap<String, String> form) {
        return send(rest.method(HttpMethod.POST).uri(path)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form), path);
    }

    /** An answer handed back as it came: status and body text. */
    public record Answer(int status, String body) {
    }

    /**
     * POSTs JSON with query parameters (sent, but kept out of error messages: they may hold a key) and returns 2xx
     * answers and refusals (4xx other than 401 and 429) for the caller to read: clouds that name their errors in the
     * body of a 4xx need that body. Everything else fails as {@link #postJson} does.
     */
    public Answer postJsonReadingRefusals(String path, Map<String, String> query, Object body) {
        return send(rest.method(HttpMethod.POST).uri(builder -> {
                    builder.path(path);
                    query.keySet().forEach(name -> builder.queryParam(name, "{" + name + "}"));
                    return builder.build(query);
                }).contentType(MediaType.APPLICATION_JSON).body(body), path, true);
    }

    private String send(RestClient.RequestHeadersSpec<?> request, String path) {
        return send(request, path, false).body();
    }

    private Answer send(RestClient.RequestHeadersSpec<?> request, String path, boolean returnRefusals) {
        try {
            return request.exchange((req, response) -> {
                int status = response.getStatusCode().value();
                String body = StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8);
                if (status >= 200 && status < 300) {
                    return new Answer(status, body);
                }
                if (returnRefusals && status >= 400 && status < 500 && status != 401 && status != 429) {
                    return new Answer(status, body);
                }
                Duration retryAfter = RetryAfter.parse(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), clock)
                        .orElse(null);
                String message = "HTTP " + status + " from " + path + ": " + snippet(body);
                Kind kind = switch (status) {
                    case 429 -> Kind.RATE_LIMITED;
                    case 401 -> Kind.UNAUTHORIZED;
                    default -> status >= 500 ? Kind.UNAVAILABLE : Kind.REJECTED;
                };
                throw new CloudException(kind, status, message, retryAfter, null);
            }, true);
        } catch (ResourceAccessException e) {
            String what = e.getCause() instanceof java.net.http.HttpTimeoutException ? "timed out" : "failed";
            throw new CloudException(Kind.UNAVAILABLE, 0, "Request to " + path + " " + what + ": "
                    + e.getMostSpecificCause().getMessage(), null, e);
        }
    }

    private static String snippet(String body) {
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= SNIPPET ? flat : flat.substring(0, SNIPPET) + "…";
    }

    /** Helper for payload classes: reading failures become {@link Kind#BAD_PAYLOAD}. */
    public static CloudException badPayload(String what, Exception cause) {
        return new CloudException(Kind.BAD_PAYLOAD, 0, what + ": " + cause.getMessage(), null, cause);
    }

}
