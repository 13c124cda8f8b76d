package io.commandcenter.ingest.shelly;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.commandcenter.ingest.CallSettings;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.internal.CloudCall;
import io.commandcenter.ingest.internal.CloudHttp;
import io.commandcenter.ingest.shelly.ShellyAccountBudget.Priority;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Shelly Cloud (the account's own server, e.g. {@code https://shelly-103-eu.shelly.cloud}) with the account's
 * {@code auth_key}, over the Cloud Control API v2 (default) or the deprecated v1. Every request of the account, polls
 * and commands alike, takes a turn from one {@link ShellyAccountBudget}; single-device reads and relay switching
 * (what commands do) go before polls. Failures are {@link CloudException}s.
 */
public class ShellyCloudClient {

    /** Shelly's v2 get takes at most 10 ids a request. */
    static final int V2_MAX_IDS = 10;
    private static final Duration NO_RETRY = Duration.ofDays(1);

    private final CallSettings settings;
    private final Clock clock;
    private volatile Link link;

    /** One account: where, which key, which API, and the account's request budget. */
    private record Link(CloudHttp http, CloudCall call, String authKey, ShellyApi api, ShellyAccountBudget budget,
                        Duration pollWait, Duration commandWait, String notConfigured) {
    }

    /** v2 with a budget of {@code rateLimit} requests per {@code ratePeriod}. */
    public ShellyCloudClient(URI baseUrl, String authKey, CallSettings settings, int rateLimit, Duration ratePeriod,
                             Clock clock) {
        this(baseUrl, authKey, ShellyApi.V2, settings, budgetFor(rateLimit, ratePeriod), clock);
    }

    public ShellyCloudClient(URI baseUrl, String authKey, ShellyApi api, CallSettings settings,
                             ShellyAccountBudget budget, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.link = link(baseUrl, authKey, api, budget);
    }

    private ShellyCloudClient(String notConfigured, CallSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.link = unlinked(notConfigured);
    }

    private Link link(URI baseUrl, String authKey, ShellyApi api, ShellyAccountBudget budget) {
        // The budget paces every try; the limiter inside CloudCall is left wide open so it never adds a second queue.
        CloudCall call = new CloudCall("shelly", settings, Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ZERO);
        // A poll that cannot get a turn within ten turns (commands keep the account busy) skips the round; a command
        // may queue behind a few others and wait out a 429's hold-off.
        return new Link(new CloudHttp(baseUrl, settings, clock), call, authKey, api, budget,
                atLeast(budget.spacing().multipliedBy(10), Duration.ofSeconds(2)),
                atLeast(budget.spacing().multipliedBy(20), Duration.ofSeconds(10)), null);
    }

    private static Link unlinked(String why) {
        return new Link(null, null, null, ShellyApi.V2, new ShellyAccountBudget(Duration.ZERO), Duration.ZERO,
                Duration.ZERO, why);
    }

    /**
     * Calls another account from now on (saved on the setup page), with a budget of its own; calls in flight finish
     * with the previous one. Polls, discovery and commands all share this client, so all of them move together.
     */
    public void connect(URI baseUrl, String authKey, ShellyApi api, ShellyAccountBudget budget) {
        this.link = link(baseUrl, authKey, api, budget);
    }

    /** Refuses every call from now on, saying {@code why}. */
    public void disconnect(String why) {
        this.link = unlinked(why);
    }

    /**
     * The budget for {@code rateLimit} requests per {@code ratePeriod}: each request starts a tenth more than
     * {@code ratePeriod / rateLimit} after the previous one ended, a margin for clocks and network jitter.
     */
    public static ShellyAccountBudget budgetFor(int rateLimit, Duration ratePeriod) {
        Duration spacing = ShellyAccountBudget.spacingOf(rateLimit, ratePeriod);
        return new ShellyAccountBudget(spacing.plus(spacing.dividedBy(10)));
    }

    private static Duration atLeast(Duration wait, Duration floor) {
        return wait.compareTo(floor) < 0 ? floor : wait;
    }

    /** A client that refuses every call with {@link CloudException.Kind#NOT_CONFIGURED}, saying {@code why}. */
    public static ShellyCloudClient notConfigured(String why) {
        return new ShellyCloudClient(why, CallSettings.defaults(), Clock.systemUTC());
    }

    /** A client without an account yet that can be {@link #connect connected} later with these settings. */
    public static ShellyCloudClient notConfigured(String why, CallSettings settings, Clock clock) {
        return new ShellyCloudClient(why, settings, clock);
    }

    /** Whether an account (or the simulator) is behind this client. */
    public boolean configured() {
        return link.notConfigured() == null;
    }

    public ShellyApi api() {
        return link.api();
    }

    /** The account's request budget, shared by everything that calls this account. */
    public ShellyAccountBudget budget() {
        return link.budget();
    }

    /** One device's status, for a command (goes before polls): v1 {@code /device/status}, v2 get with one id. */
    public ShellyDeviceStatus status(String cloudId) {
        Link link = this.link;
        if (link.api() == ShellyApi.V2) {
            ShellyDeviceStatus status = run(link, Priority.COMMAND, () -> v2Get(link, List.of(cloudId))).get(cloudId);
            if (status == null) {
                throw new CloudException(CloudException.Kind.REJECTED, "Shelly Cloud does not know device " + cloudId);
            }
            return status;
        }
        return run(link, Priority.COMMAND, () -> ShellyPayloads.status(cloudId,
                link.http().postForm("/device/status", form(link, Map.of("id", cloudId)))));
    }

    /**
     * The devices asked for, by cloud id, for a poll: v1 one {@code all_status}; v2 one get per 10 ids. A device the
     * cloud does not answer for is absent. When a v2 batch gets no turn (commands are using the account's budget) the
     * rest of the round is left out rather than sent in a burst: those devices are absent too.
     */
    public Map<String, ShellyDeviceStatus> statuses(Collection<String> cloudIds) {
        Link link = this.link;
        if (link.api() == ShellyApi.V1) {
            return allStatus(link);
        }
        List<String> ids = cloudIds.stream().distinct().toList();
        Map<String, ShellyDeviceStatus> result = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += V2_MAX_IDS) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + V2_MAX_IDS));
            try {
                result.putAll(run(link, Priority.POLL, () -> v2Get(link, batch)));
            } catch (CloudException e) {
                if (result.isEmpty() || e.kind() != CloudException.Kind.RATE_LIMITED) {
                    throw e;
                }
                break;
            }
        }
        return result;
    }

    /** Every device of the account in one request: v1 {@code /device/all_status} with the online flags. */
    public Map<String, ShellyDeviceStatus> allStatus() {
        return allStatus(link);
    }

    private Map<String, ShellyDeviceStatus> allStatus(Link link) {
        // Without show_info the answer has no _dev_info, so no online flag; no_shared leaves out others' devices.
        return run(link, Priority.POLL, () -> ShellyPayloads.allStatus(link.http().postForm("/device/all_status",
                form(link, Map.of("show_info", "true", "no_shared", "true")))));
    }

    /** The relay channels the account knows, with the names given in the Shelly app (no v2 counterpart). */
    public List<CloudDevice> deviceList() {
        Link link = this.link;
        return run(link, Priority.POLL, () -> ShellyPayloads.deviceList(
                link.http().postForm("/interface/device/get_all_lists", form(link, Map.of()))));
    }

    /**
     * Switches a relay (v1 {@code /device/relay/control}, v2 {@code /v2/devices/api/set/switch}). Returns when the
     * cloud accepted the command; whether the relay really switched shows in the next status.
     */
    public void setRelay(String cloudId, int channel, boolean on) {
        Link link = this.link;
        run(link, Priority.COMMAND, () -> {
            if (link.api() == ShellyApi.V2) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", cloudId);
                body.put("channel", channel);
                body.put("on", on);
                CloudHttp.Answer answer = link.http().postJsonReadingRefusals("/v2/devices/api/set/switch",
                        Map.of("auth_key", link.authKey()), body);
                if (answer.status() != 200) {
                    throw ShellyPayloads.v2Error(answer.status(), answer.body());
                }
                ShellyPayloads.v2Set(answer.body());
            } else {
                ShellyPayloads.relayControl(link.http().postForm("/device/relay/control", form(link, Map.of("id", cloudId,
                        "channel", Integer.toString(channel), "turn", on ? "on" : "off"))));
            }
            return null;
        });
    }

    /** The resilience around this client's calls, for inspection (retry events, circuit state). */
    public CloudCall resilience() {
        return link.call();
    }

    private static Map<String, ShellyDeviceStatus> v2Get(Link link, List<String> ids) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ids", new ArrayList<>(ids));
        body.put("select", List.of("status"));
        CloudHttp.Answer answer = link.http().postJsonReadingRefusals("/v2/devices/api/get",
                Map.of("auth_key", link.authKey()), body);
        if (answer.status() != 200) {
            throw ShellyPayloads.v2Error(answer.status(), answer.body());
        }
        return ShellyPayloads.v2States(answer.body());
    }

    private static <T> T run(Link link, Priority priority, Supplier<T> request) {
        if (link.notConfigured() != null) {
            throw new CloudException(CloudException.Kind.NOT_CONFIGURED, link.notConfigured());
        }
        ShellyAccountBudget budget = link.budget();
        Duration wait = priority == Priority.COMMAND ? link.commandWait() : link.pollWait();
        return link.call().run(() -> {
            // Each try, retries included, takes its own turn.
            if (!budget.awaitTurn(priority, wait)) {
                // Not retried (a wait beyond any retry cap): trying again at once would only queue up again.
                throw new CloudException(CloudException.Kind.RATE_LIMITED, 0, "Shelly Cloud: no turn in the account's "
                        + "request budget within " + wait.toMillis() + " ms (commands go first)", NO_RETRY, null);
            }
            try {
                return request.get();
            } catch (CloudException e) {
                if (e.kind() == CloudException.Kind.RATE_LIMITED) {
                    budget.holdOff(e.retryAfter().orElse(budget.spacing()));
                }
                throw e;
            } finally {
                budget.finished();
            }
        });
    }

    private static MultiValueMap<String, String> form(Link link, Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        form.add("auth_key", link.authKey());
        return form;
    }
}
