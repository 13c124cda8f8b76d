package io.commandcenter.ingest.shelly.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import io.commandcenter.device.DeviceSwitch;
import io.commandcenter.device.Device;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shelly Gen2 local RPC ({@code /rpc/Switch.GetStatus}, {@code /rpc/Switch.Set}) on the site LAN,
 * for when the Shelly Cloud is unreachable. {@code deviceUrl} maps a device to its base URL
 * (for example {@code http://192.168.1.40}). A device with a password answers 401 with a Digest challenge
 * (SHA-256); the request is then repeated once with the answer, as user {@code admin}.
 */
public class ShellyLocalSwitch implements DeviceSwitch {

    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Function<Device, URI> deviceUrl;
    private final Duration timeout;
    private final Function<Device, String> password;

    public ShellyLocalSwitch(Function<Device, URI> deviceUrl, Duration timeout) {
        this(deviceUrl, device -> null, timeout);
    }

    /** @param password the device's password (Shelly app → device → Settings → Authentication), null when none */
    public ShellyLocalSwitch(Function<Device, URI> deviceUrl, Function<Device, String> password, Duration timeout) {
        this.deviceUrl = deviceUrl;
        this.password = password;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "shelly-local";
    }

    @Override
    public RelayStatus read(Device device) {
        JsonNode status = call(device, "/rpc/Switch.GetStatus?id=" + device.channel());
        if (status == null) {
            return new RelayStatus(false, null);
        }
        JsonNode output = status.get("output");
        if (output == null || !output.isBoolean()) {
            throw new SwitchException("Switch.GetStatus of " + device.name() + " has no output field");
        }
        return new RelayStatus(true, output.booleanValue());
    }

    @Override
    public void set(Device device, boolean on) {
        JsonNode answer = call(device, "/rpc/Switch.Set?id=" + device.channel() + "&on=" + on);
        if (answer == null) {
            throw new SwitchException(device.name() + " is not reachable on the LAN");
        }
        if (answer.has("error")) {
            throw new SwitchException("Switch.Set refused: " + answer.get("error"));
        }
    }

    /** Returns null when the device does not answer at the network level (offline). */
    private JsonNode call(Device device, String path) {
        URI uri = URI.create(deviceUrl.apply(device) + path);
        HttpResponse<String> response = send(device, HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
        if (response != null && response.statusCode() == 401) {
            response = answerChallenge(device, uri, response);
        }
        if (response == null || response.statusCode() == 503) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new SwitchException("Local RPC to " + device.name() + " answered HTTP " + response.statusCode());
        }
        return json.readTree(response.body());
    }

    private HttpResponse<String> answerChallenge(Device device, URI uri, HttpResponse<String> refused) {
        Map<String, String> challenge = DigestAuth.challenge(refused.headers().firstValue("WWW-Authenticate").orElse(null));
        if (challenge == null) {
            throw new SwitchException("Local RPC to " + device.name() + " answered HTTP 401 without a Digest challenge");
        }
        String secret = password.apply(device);
        if (secret == null || secret.isEmpty()) {
            throw new SwitchException(device.name() + " asks for its password on the LAN and none is configured "
                    + "(COMMANDCENTER_CONTROL_LOCAL_PASSWORD)");
        }
        String requestUri = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HttpResponse<String> answer;
        try {
            answer = send(device, HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("Authorization", DigestAuth.authorization(challenge, secret, "GET", requestUri)).build());
        } catch (IllegalArgumentException e) {
            throw new SwitchException("Local RPC to " + device.name() + ": " + e.getMessage(), e);
        }
        if (answer != null && answer.statusCode() == 401) {
            throw new SwitchException(device.name() + " refused the configured LAN password (HTTP 401)");
        }
        return answer;
    }

    /** Null when the device does not answer at the network level. */
    private HttpResponse<String> send(Device device, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            return null;
        } catch (java.io.IOException e) {
            throw new SwitchException("Local RPC to " + device.name() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwitchException("Interrupted while calling " + device.name(), e);
        }
    }
}
