package io.commandcenter.ingest.solark;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.commandcenter.ingest.CallSettings;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.internal.CloudCall;
import io.commandcenter.ingest.internal.CloudHttp;
import org.springframework.http.HttpHeaders;

/**
 * The SolArk cloud (undocumented API, as used by its web app). Logs in with the OAuth password grant
 * ({@code client_id csp-web}) from the web portal's origin, as the portal does. Before the token's own expiry it is
 * renewed with the refresh token (or a fresh login when that fails). A token the cloud refuses earlier, whether with
 * HTTP 401 or with HTTP 200 and code 102, costs one fresh login and one retry; a second refusal fails the call with
 * the cloud's message.
 */
public class SolArkClient {

    private static final String CLIENT_ID = "csp-web";
    /** The web portal logs in from here; several open-source clients send the same headers. */
    public static final URI DEFAULT_PORTAL = URI.create("https://www.solarkcloud.com");

    private final CloudHttp http;
    private final CloudCall call;
    private final String username;
    private final String password;
    private final Clock clock;
    private final String portal;
    private volatile SolArkPayloads.Token token;
    private volatile Instant tokenExpires = Instant.MIN;

    public SolArkClient(URI baseUrl, String username, String password, CallSettings settings, int rateLimit,
                        Duration ratePeriod, Clock clock) {
        this(baseUrl, DEFAULT_PORTAL, username, password, settings, rateLimit, ratePeriod, clock);
    }

    /** @param portal the web portal's address, sent as {@code Origin} and {@code Referer} with the login */
    public SolArkClient(URI baseUrl, URI portal, String username, String password, CallSettings settings,
                        int rateLimit, Duration ratePeriod, Clock clock) {
        String origin = portal.toString();
        this.portal = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        this.http = new CloudHttp(baseUrl, settings, clock);
        this.call = new CloudCall("solark", settings, rateLimit, ratePeriod, settings.readTimeout());
        this.username = username;
        this.password = password;
        this.clock = clock;
    }

    public List<Plant> plants() {
        return SolArkPayloads.plants(authorized("/api/v1/plants?page=1&limit=10"));
    }

    /** The plant's power flows now; {@code zone} picks the plant's calendar day the API asks for. */
    SolArkPayloads.EnergyFlow flow(long plantId, ZoneId zone) {
        String path = "/api/v1/plant/energy/" + plantId + "/flow?date=" + LocalDate.now(clock.withZone(zone));
        return SolArkPayloads.flow(authorized(path));
    }

    /** The resilience around this client's calls, for inspection (retry events, circuit state). */
    public CloudCall resilience() {
        return call;
    }

    private String authorized(String path) {
        return call.run(() -> withFreshToken(() -> {
            String body = http.get(path, this::authorize);
            SolArkPayloads.requireLiveToken(body);
            return body;
        }));
    }

    private String withFreshToken(Supplier<String> request) {
        if (token == null) {
            login();
        } else if (!clock.instant().isBefore(tokenExpires)) {
            renew();
        }
        try {
            return request.get();
        } catch (CloudException e) {
            if (e.kind() != CloudException.Kind.UNAUTHORIZED) {
                throw e;
            }
            // The token died before its time (HTTP 401, or HTTP 200 with code 102): log in afresh, retry once.
            token = null;
            login();
            return request.get();
        }
    }

    private void renew() {
        SolArkPayloads.Token current = token;
        if (current != null && current.refreshToken() != null) {
            try {
                Map<String, String> grant = new LinkedHashMap<>();
                grant.put("client_id", CLIENT_ID);
                grant.put("grant_type", "refresh_token");
                grant.put("refresh_token", current.refreshToken());
                accept(SolArkPayloads.token(http.postJson("/oauth/token", grant, this::fromPortal)));
                return;
            } catch (CloudException refreshRefused) {
                if (refreshRefused.kind() != CloudException.Kind.UNAUTHORIZED) {
                    throw refreshRefused;
                }
                // a spent refresh token: log in from scratch below
            }
        }
        login();
    }

    private void login() {
        if (username == null || password == null) {
            throw new CloudException(CloudException.Kind.UNAUTHORIZED, "SolArk needs a username and password");
        }
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("client_id", CLIENT_ID);
        grant.put("grant_type", "password");
        grant.put("username", username);
        grant.put("password", password);
        accept(SolArkPayloads.token(http.postJson("/oauth/token", grant, this::fromPortal)));
    }

    private void fromPortal(HttpHeaders headers) {
        headers.set(HttpHeaders.ORIGIN, portal);
        headers.set(HttpHeaders.REFERER, portal + "/");
    }

    private void accept(SolArkPayloads.Token fresh) {
        token = fresh;
        // renew a minute early so a poll never goes out with a token about to lapse
        long seconds = fresh.expiresInSeconds() > 120 ? fresh.expiresInSeconds() - 60 : Math.max(fresh.expiresInSeconds(), 60);
        tokenExpires = clock.instant().plusSeconds(seconds);
    }

    private void authorize(HttpHeaders headers) {
        SolArkPayloads.Token current = token;
        if (current != null) {
            headers.setBearerAuth(current.accessToken());
        }
    }
}
