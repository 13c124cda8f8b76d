package io.commandcenter.ingest.shelly;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.commandcenter.ingest.CallSettings;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.internal.CloudCall;
import io.commandcenter.ingest.internal.CloudHttp;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Shelly Cloud (the account's own server, e.g. {@code https://shelly-103-eu.shelly.cloud}) with the account's
 * {@code auth_key}. The cloud allows one request per second per account, so every call here shares one limiter.
 * Failures are {@link io.commandcenter.ingest.CloudException}s.
 */
public class ShellyCloudClient {

    private final CloudHttp http;
    private final CloudCall call;
    private final String authKey;
    private final String notConfigured;

    public ShellyCloudClient(URI baseUrl, String authKey, CallSettings settings, int rateLimit, Duration ratePeriod,
                             Clock clock) {
        this.http = new CloudHttp(baseUrl, settings, clock);
        // A queue of a few calls may wait for their turn at 1/s; longer waits fail the call.
        this.call = new CloudCall("shelly", settings, rateLimit, ratePeriod, ratePeriod.multipliedBy(10));
        this.authKey = authKey;
        this.notConfigured = null;
    }

    private ShellyCloudClient(String notConfigured) {
        this.http = null;
        this.call = null;
        this.authKey = null;
        this.notConfigured = notConfigured;
    }

    /** A client that refuses every call with {@link CloudException.Kind#NOT_CONFIGURED}, saying {@code why}. */
    public static ShellyCloudClient notConfigured(String why) {
        return new ShellyCloudClient(why);
    }

    /** Whether an account (or the simulator) is behind this client. */
    public boolean configured() {
        return notConfigured == null;
    }

    /** One device's status ({@code /device/status}). */
    public ShellyDeviceStatus status(String cloudId) {
        return run(() -> ShellyPayloads.status(cloudId, http.postForm("/device/status", form(Map.of("id", cloudId)))));
    }

    /** Every device of the account in one request ({@code /device/all_status}). */
    public Map<String, ShellyDeviceStatus> allStatus() {
        return run(() -> ShellyPayloads.allStatus(http.postForm("/device/all_status", form(Map.of()))));
    }

    /** The relay channels the account knows, with the names given in the Shelly app. */
    public List<CloudDevice> deviceList() {
        return run(() -> ShellyPayloads.deviceList(http.postForm("/interface/device/get_all_lists", form(Map.of()))));
    }

    /**
     * Switches a relay ({@code /device/relay/control}). Returns when the cloud accepted the command; whether the relay
     * really switched shows in the next status.
     */
    public void setRelay(String cloudId, int channel, boolean on) {
        run(() -> {
            ShellyPayloads.relayControl(http.postForm("/device/relay/control", form(Map.of("id", cloudId,
                    "channel", Integer.toString(channel), "turn", on ? "on" : "off"))));
            return null;
        });
    }

    /** The resilience around this client's calls, for inspection (retry events, circuit state). */
    public CloudCall resilience() {
        return call;
    }

    private <T> T run(java.util.function.Supplier<T> request) {
        if (notConfigured != null) {
            throw new CloudException(CloudException.Kind.NOT_CONFIGURED, notConfigured);
        }
        return call.run(request);
    }

    private MultiValueMap<String, String> form(Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        form.add("auth_key", authKey);
        return form;
    }
}
