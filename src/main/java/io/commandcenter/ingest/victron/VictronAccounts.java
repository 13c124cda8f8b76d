package io.commandcenter.ingest.victron;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.commandcenter.ingest.StandInClouds;
import io.commandcenter.ingest.CloudAccount;
import io.commandcenter.ingest.PollSource;
import io.commandcenter.ingest.internal.AccountConnector;
import io.commandcenter.ingest.internal.AccountPoller;
import io.commandcenter.timeseries.ReadingWriter;
import io.commandcenter.validation.InvalidParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The VRM account: from the environment, saved on the setup page (access token only), or the simulator. */
final class VictronAccounts implements AccountConnector {

    private static final Logger log = LoggerFactory.getLogger(VictronAccounts.class);
    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(3);
    private static final String NOT_CONFIGURED = "not configured: enter a VRM access token on the setup page"
            + " (or set COMMANDCENTER_VICTRON_ACCESS_TOKEN)";

    private final VictronProperties properties;
    private final StandInClouds standIn;
    private final ReadingWriter writer;
    private final String site;
    private final Clock clock;
    private final AccountPoller<VictronPoller> poller;

    VictronAccounts(VictronProperties properties, StandInClouds standIn, ReadingWriter writer, String site,
                    Clock clock) {
        this.properties = properties;
        this.standIn = standIn;
        this.writer = writer;
        this.site = site;
        this.clock = clock;
        this.poller = new AccountPoller<>(properties.hasCredentials() ? fromEnvironment() : withoutAccount(null));
    }

    AccountPoller<VictronPoller> poller() {
        return poller;
    }

    @Override
    public PollSource source() {
        return PollSource.VICTRON;
    }

    @Override
    public String environment() {
        if (!properties.hasCredentials()) {
            return null;
        }
        return VictronProperties.hasText(properties.accessToken()) ? "COMMANDCENTER_VICTRON_ACCESS_TOKEN"
                : "COMMANDCENTER_VICTRON_USERNAME and _PASSWORD";
    }

    @Override
    public boolean onSimulator() {
        return standIn != null;
    }

    @Override
    public void check(CloudAccount account, InvalidParams problems) {
        AccountConnector.checkServer(account.server(), false, problems);
        AccountConnector.checkPositive("siteId", account.siteId(), problems);
        if (account.batteryInstance() != null && (account.batteryInstance() < 0 || account.batteryInstance() > 9999)) {
            problems.add("batteryInstance", "must be between 0 and 9999 (the monitor's device instance in VRM)");
        }
    }

    @Override
    public VictronPoller trial(CloudAccount account) {
        return forAccount(account);
    }

    @Override
    public void connect(CloudAccount account) {
        poller.connect(forAccount(account));
    }

    @Override
    public void disconnect(String why) {
        poller.connect(withoutAccount(why));
    }

    private VictronPoller forAccount(CloudAccount account) {
        URI base = account.server() != null ? URI.create(account.server()) : properties.baseUrl();
        var client = new VictronClient(base, VictronClient.Account.token(account.secret()), properties.call(),
                properties.rateLimit(), properties.ratePeriod(), clock);
        return new VictronPoller(client, writer, site, account.siteId(), account.batteryInstance(),
                Objects.requireNonNullElse(properties.pollInterval(), DEFAULT_INTERVAL), properties.staleAfter(),
                "VRM " + base, 1);
    }

    private VictronPoller fromEnvironment() {
        String warning = properties.passwordLoginWarning();
        if (warning != null) {
            log.warn(warning);
        }
        var account = new VictronClient.Account(properties.accessToken(), properties.username(), properties.password());
        var client = new VictronClient(properties.baseUrl(), account, properties.call(), properties.rateLimit(),
                properties.ratePeriod(), clock);
        return new VictronPoller(client, writer, site, properties.installationId(), properties.batteryInstance(),
                Objects.requireNonNullElse(properties.pollInterval(), DEFAULT_INTERVAL), properties.staleAfter(),
                "VRM " + properties.baseUrl(), 1);
    }

    private VictronPoller withoutAccount(String why) {
        if (why != null || standIn == null) {
            return VictronPoller.off(why != null ? why : NOT_CONFIGURED);
        }
        var client = new VictronClient(standIn.vrm(), VictronClient.Account.token(standIn.vrmAccessToken()),
                properties.call(), properties.rateLimit(), properties.ratePeriod(), clock);
        return new VictronPoller(client, writer, site, standIn.vrmSiteId(), properties.batteryInstance(),
                standIn.interval(properties.pollInterval(), DEFAULT_INTERVAL), properties.staleAfter(),
                "simulator", standIn.clockSpeed());
    }
}
