package io.commandcenter.ingest.victron;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.commandcenter.ingest.CallSettings;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.internal.CloudCall;
import io.commandcenter.ingest.internal.CloudHttp;
import org.springframework.http.HttpHeaders;

/**
 * The Victron VRM API v2. Authenticates with a personal access token ({@code X-Authorization: Token …}), the
 * documented way. Without one it falls back to the password login ({@code X-Authorization: Bearer …}), which VRM
 * deprecates from 1 June 2026; a bearer token the cloud no longer accepts (401) is renewed once by logging in again.
 */
public class VictronClient {

    private static final String AUTH_HEADER = "X-Authorization";

    private final CloudHttp http;
    private final CloudCall call;
    private final Account account;
    private volatile String bearerToken;
    private volatile Long userId;

    /**
     * @param account how to authenticate; a token wins over username/password
     */
    public VictronClient(URI baseUrl, Account account, CallSettings settings, int rateLimit, Duration ratePeriod,
                         Clock clock) {
        this.http = new CloudHttp(baseUrl, settings, clock);
        this.call = new CloudCall("victron", settings, rateLimit, ratePeriod, settings.readTimeout());
        this.account = account;
    }

    /** Credentials for VRM: an access token, or a username and password. */
    public record Account(String accessToken, String username, String password) {
        public static Account token(String accessToken) {
            return new Account(accessToken, null, null);
        }

        public static Account login(String username, String password) {
            return new Account(null, username, password);
        }

        boolean usesToken() {
            return accessToken != null && !accessToken.isBlank();
        }
    }

    /** Battery state from the BatterySummary widget of a battery monitor. */
    VictronPayloads.BatterySummary batterySummary(long installationId, int batteryInstance) {
        String path = "/v2/installations/" + installationId + "/widgets/BatterySummary?instance=" + batteryInstance;
        return VictronPayloads.batterySummary(authorized(path));
    }

    /** The battery monitors the installation's diagnostics list (device instance and name). */
    List<VictronPayloads.Monitor> batteryMonitors(long installationId) {
        return VictronPayloads.batteryMonitors(authorized("/v2/installations/" + installationId + "/diagnostics"));
    }

    /** The id of the account's user: the one the password login returned, else {@code /users/me}. */
    public long userId() {
        if (!account.usesToken() && bearerToken == null) {
            call.run(() -> {
                login(); // the login answer carries idUser: no /users/me needed
                return null;
            });
        }
        Long known = userId;
        if (known != null) {
            return known;
        }
        long id = VictronPayloads.userId(authorized("/v2/users/me"));
        userId = id;
        return id;
    }

    public List<Installation> installations() {
        return VictronPayloads.installations(authorized("/v2/users/" + userId() + "/installations"));
    }

    /** The resilience around this client's calls, for inspection (retry events, circuit state). */
    public CloudCall resilience() {
        return call;
    }

    private String authorized(String path) {
        return call.run(() -> withFreshLogin(() -> http.get(path, this::authorize)));
    }

    private String withFreshLogin(Supplier<String> request) {
        if (!account.usesToken() && bearerToken == null) {
            login();
        }
        try {
            return request.get();
        } catch (CloudException e) {
            if (e.kind() != CloudException.Kind.UNAUTHORIZED || account.usesToken()) {
                throw e;
            }
            // Bearer tokens expire; one fresh login, then the cloud's answer stands.
            bearerToken = null;
            login();
            return request.get();
        }
    }

    private void login() {
        if (account.username() == null || account.password() == null) {
            throw new CloudException(CloudException.Kind.UNAUTHORIZED, "VRM needs an access token or username/password");
        }
        var login = VictronPayloads.login(http.postJson("/v2/auth/login",
                Map.of("username", account.username(), "password", account.password()), headers -> { }));
        bearerToken = login.token();
        if (login.userId() != 0) {
            userId = login.userId();
        }
    }

    private void authorize(HttpHeaders headers) {
        if (account.usesToken()) {
            headers.set(AUTH_HEADER, "Token " + account.accessToken());
        } else if (bearerToken != null) {
            headers.set(AUTH_HEADER, "Bearer " + bearerToken);
        }
    }
}
