package io.commandcenter.ingest.shelly;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import io.commandcenter.device.DevicePresence;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.device.DeviceService;
import io.commandcenter.ingest.StandInClouds;
import io.commandcenter.ingest.CloudAccount;
import io.commandcenter.ingest.PollSource;
import io.commandcenter.ingest.internal.AccountConnector;
import io.commandcenter.ingest.internal.AccountPoller;
import io.commandcenter.timeseries.ReadingWriter;
import io.commandcenter.validation.InvalidParams;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The Shelly account: from the environment, saved on the setup page, or the simulator. Connecting one moves the
 * shared client, so polls, discovery and relay commands change account together, each account with its own budget.
 */
final class ShellyAccounts implements AccountConnector {

    private static final Log log = LogFactory.getLog(ShellyAccounts.class);
    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(2);
    private static final String NOT_CONFIGURED = "not configured: enter the Shelly Cloud server and auth key on the"
            + " setup page (or set COMMANDCENTER_SHELLY_BASE_URL and COMMANDCENTER_SHELLY_AUTH_KEY)";

    private final ShellyProperties properties;
    private final StandInClouds standIn;
    private final DeviceRegistry registry;
    private final DevicePresence presence;
    private final ReadingWriter writer;
    private final ObjectProvider<DeviceService> devices;
    private final Clock clock;
    private final ShellyCloudClient client;
    private final AccountPoller<ShellyPoller> poller;

    ShellyAccounts(ShellyProperties properties, StandInClouds standIn, DeviceRegistry registry,
                   DevicePresence presence, ReadingWriter writer, ObjectProvider<DeviceService> devices, Clock clock) {
        this.properties = properties;
        this.standIn = standIn;
        this.registry = registry;
        this.presence = presence;
        this.writer = writer;
        this.devices = devices;
        this.clock = clock;
        this.client = ShellyCloudClient.notConfigured(NOT_CONFIGURED, properties.call(), clock);
        ShellyPoller first;
        if (properties.hasCredentials()) {
            client.connect(properties.baseUrl(), properties.authKey(), properties.api(), budget());
            first = poller(client, "Shelly Cloud " + properties.baseUrl() + " (API " + properties.api() + ")", false);
        } else {
            first = withoutAccount(null);
        }
        this.poller = new AccountPoller<>(first);
    }

    ShellyCloudClient client() {
        return client;
    }

    AccountPoller<ShellyPoller> poller() {
        return poller;
    }

    @Override
    public PollSource source() {
        return PollSource.SHELLY;
    }

    @Override
    public String environment() {
        return properties.hasCredentials() ? "COMMANDCENTER_SHELLY_BASE_URL and _AUTH_KEY" : null;
    }

    @Override
    public boolean onSimulator() {
        return standIn != null;
    }

    @Override
    public void check(CloudAccount account, InvalidParams problems) {
        AccountConnector.checkServer(account.server(), true, problems);
        if (account.api() != null && api(account) == null) {
            problems.add("api", "must be v2 or v1");
        }
    }

    @Override
    public ShellyPoller trial(CloudAccount account) {
        // A client of its own: a test must not move the live account, and shares no budget with it.
        var trial = new ShellyCloudClient(URI.create(account.server()), account.secret(), api(account), properties.call(),
                budget(), clock);
        return poller(trial, origin(account), false);
    }

    @Override
    public void connect(CloudAccount account) {
        client.connect(URI.create(account.server()), account.secret(), api(account), budget());
        poller.connect(poller(client, origin(account), false));
    }

    @Override
    public void disconnect(String why) {
        poller.connect(withoutAccount(why));
    }

    private ShellyPoller withoutAccount(String why) {
        if (why != null || standIn == null) {
            client.disconnect(why != null ? why : NOT_CONFIGURED);
            return poller(client, why != null ? why : NOT_CONFIGURED, false);
        }
        client.connect(standIn.shelly(), standIn.shellyAuthKey(), properties.api(), budget());
        return poller(client, "simulator", true);
    }

    private ShellyPoller poller(ShellyCloudClient client, String origin, boolean onSimulator) {
        // On the simulator's first run the relays get their names (miner-1, ...) without any setup.
        Runnable firstRun = onSimulator ? () -> {
            var found = devices.getObject().discover();
            log.info("Registered " + found.added().size() + " simulator devices: "
                    + found.added().stream().map(d -> d.name() + " (" + d.type() + ")").toList());
        } : null;
        return new ShellyPoller(client, registry, presence, writer,
                onSimulator ? standIn.interval(properties.pollInterval(), DEFAULT_INTERVAL)
                        : Objects.requireNonNullElse(properties.pollInterval(), DEFAULT_INTERVAL), origin, firstRun);
    }

    private ShellyAccountBudget budget() {
        return ShellyCloudClient.budgetFor(properties.rateLimit(), properties.ratePeriod());
    }

    private static String origin(CloudAccount account) {
        return "Shelly Cloud " + account.server() + " (API " + api(account) + ")";
    }

    private static ShellyApi api(CloudAccount account) {
        if (account.api() == null) {
            return ShellyApi.V2;
        }
        try {
            return ShellyApi.valueOf(account.api().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
