package io.commandcenter.ingest.solark;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

import io.commandcenter.ingest.StandInClouds;
import io.commandcenter.ingest.CloudAccount;
import io.commandcenter.ingest.PollSource;
import io.commandcenter.ingest.internal.AccountConnector;
import io.commandcenter.ingest.internal.AccountPoller;
import io.commandcenter.timeseries.ReadingWriter;
import io.commandcenter.timeseries.TimeseriesQueries;
import io.commandcenter.validation.InvalidParams;

/** The SolArk account: from the environment, saved on the setup page, or the simulator. */
final class SolArkAccounts implements AccountConnector {

    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(2);
    private static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(15);
    private static final String NOT_CONFIGURED = "not configured: enter the SolArk login on the setup page"
            + " (or set COMMANDCENTER_SOLARK_USERNAME and COMMANDCENTER_SOLARK_PASSWORD)";

    private final SolArkProperties properties;
    private final StandInClouds standIn;
    private final ReadingWriter writer;
    private final TimeseriesQueries queries;
    private final String site;
    private final Clock clock;
    private final ZoneId zone;
    private final AccountPoller<SolArkPoller> poller;

    SolArkAccounts(SolArkProperties properties, StandInClouds standIn, ReadingWriter writer,
                   TimeseriesQueries queries, String site, Clock clock) {
        this.properties = properties;
        this.standIn = standIn;
        this.writer = writer;
        this.queries = queries;
        this.site = site;
        this.clock = clock;
        this.zone = properties.zone() != null ? properties.zone() : ZoneId.systemDefault();
        this.poller = new AccountPoller<>(properties.hasCredentials()
                ? forLogin(properties.baseUrl(), properties.username(), properties.password(), properties.plantId())
                : withoutAccount(null));
    }

    AccountPoller<SolArkPoller> poller() {
        return poller;
    }

    @Override
    public PollSource source() {
        return PollSource.SOLARK;
    }

    @Override
    public String environment() {
        return properties.hasCredentials() ? "COMMANDCENTER_SOLARK_USERNAME and _PASSWORD" : null;
    }

    @Override
    public boolean onSimulator() {
        return standIn != null;
    }

    @Override
    public void check(CloudAccount account, InvalidParams problems) {
        AccountConnector.checkServer(account.server(), false, problems);
        if (account.username() == null) {
            problems.add("username", "is required (the e-mail you sign in to SolArk Cloud with)");
        }
        AccountConnector.checkPositive("siteId", account.siteId(), problems);
    }

    @Override
    public SolArkPoller trial(CloudAccount account) {
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

    private SolArkPoller forAccount(CloudAccount account) {
        URI base = account.server() != null ? URI.create(account.server()) : properties.baseUrl();
        return forLogin(base, account.username(), account.secret(), account.siteId());
    }

    private SolArkPoller forLogin(URI base, String username, String password, Long plantId) {
        var client = new SolArkClient(base, properties.portalUrl(), username, password, properties.call(),
                properties.rateLimit(), properties.ratePeriod(), clock);
        return new SolArkPoller(client, writer, queries, site, plantId, zone,
                Objects.requireNonNullElse(properties.pollInterval(), DEFAULT_INTERVAL),
                Objects.requireNonNullElse(properties.staleAfter(), DEFAULT_STALE_AFTER),
                properties.batteryMovingCurrent(), "SolArk " + base);
    }

    private SolArkPoller withoutAccount(String why) {
        if (why != null || standIn == null) {
            return SolArkPoller.off(why != null ? why : NOT_CONFIGURED);
        }
        var client = new SolArkClient(standIn.solark(), properties.portalUrl(), standIn.solarkUsername(),
                standIn.solarkPassword(), properties.call(), properties.rateLimit(), properties.ratePeriod(), clock);
        return new SolArkPoller(client, writer, queries, site, standIn.solarkPlantId(), zone,
                standIn.interval(properties.pollInterval(), DEFAULT_INTERVAL),
                standIn.interval(properties.staleAfter(), DEFAULT_STALE_AFTER),
                properties.batteryMovingCurrent(), "simulator");
    }
}
