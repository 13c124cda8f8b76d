package io.commandcenter.ingest.victron;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.ConnectionCheck;
import io.commandcenter.ingest.PollSource;
import io.commandcenter.ingest.internal.CloudCall;
import io.commandcenter.ingest.internal.PollResult;
import io.commandcenter.ingest.internal.SourcePoller;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.ReadingWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the battery monitor from VRM's BatterySummary widget. Its device instance is configured or, when not, found
 * once in the installation's diagnostics (and logged). Values VRM marks old ({@code hasOldData}) or older than
 * {@code staleAfter} are not stored: the poll fails with "stale data" and the battery state stays unknown.
 */
final class VictronPoller extends SourcePoller {

    private static final Logger log = LoggerFactory.getLogger(VictronPoller.class);

    private final VictronClient client;
    private final ReadingWriter writer;
    private final String site;
    private final Long configuredInstallation;
    private final Integer configuredInstance;
    private final Duration staleAfter;
    private final double cloudClockSpeed;
    private volatile Long installation;
    private volatile Integer discoveredInstance;

    /**
     * @param cloudClockSpeed cloud seconds per wall second: 1 for VRM, the simulator's speed (e.g. 60) when it stands
     *                        in, so its secondsAgo shifts the time stamp by wall seconds
     */
    /**
     * @param batteryInstance the monitor's device instance, or null to find it in the installation's diagnostics
     */
    VictronPoller(VictronClient client, ReadingWriter writer, String site, Long installationId, Integer batteryInstance,
                  Duration interval, Duration staleAfter, String origin, double cloudClockSpeed) {
        super(PollSource.VICTRON, interval, origin);
        this.cloudClockSpeed = cloudClockSpeed > 0 ? cloudClockSpeed : 1;
        this.client = client;
        this.writer = writer;
        this.site = site;
        this.configuredInstallation = installationId;
        this.configuredInstance = batteryInstance;
        this.staleAfter = staleAfter;
    }

    /** A poller that is never scheduled, saying why. */
    static VictronPoller off(String why) {
        return new VictronPoller(null, null, null, null, null, Duration.ofMinutes(3), Duration.ZERO, why, 1);
    }

    /** The client's retry and circuit state, so tests can start each case with a closed circuit. */
    CloudCall resilience() {
        return client.resilience();
    }

    @Override
    public boolean enabled() {
        return client != null;
    }

    @Override
    public PollResult poll(Instant now) {
        long site = installation();
        int batteryInstance = batteryInstance(site);
        var summary = client.batterySummary(site, batteryInstance);
        if (!summary.hasData()) {
            return PollResult.failed("no battery data for monitor instance " + batteryInstance
                    + (summary.hasOldData() ? " (VRM has only old data)" : " (check battery-instance)"));
        }
        if (summary.hasOldData() || summary.secondsAgo() > staleAfter.toSeconds()) {
            return PollResult.failed("stale data: battery values are " + summary.secondsAgo() + " s old");
        }
        long measuredMillisAgo = Math.round(summary.secondsAgo() * 1000 / cloudClockSpeed);
        var reading = new BatteryReading(this.site, now.minusMillis(measuredMillisAgo), summary.soc(),
                summary.voltage(), summary.current(), summary.temperature());
        return PollResult.of(writer.storeBattery(List.of(reading)));
    }

    @Override
    public ConnectionCheck checkConnection() {
        if (client == null) {
            return super.checkConnection();
        }
        try {
            List<String> found = new ArrayList<>();
            for (Installation installation : client.installations()) {
                List<String> monitors = client.batteryMonitors(installation.id()).stream()
                        .map(m -> m.instance() + " (" + m.device() + ")").toList();
                found.add("installation " + installation.id() + " " + installation.name()
                        + (monitors.isEmpty() ? ": no battery monitor listed" : ", battery monitors: " + String.join(", ", monitors))
                        + (Long.valueOf(installation.id()).equals(configuredInstallation) ? " (configured)" : ""));
            }
            return new ConnectionCheck(source(), true, origin(), found);
        } catch (CloudException e) {
            return ConnectionCheck.failed(source(), e.getMessage());
        }
    }

    private int batteryInstance(long site) {
        if (configuredInstance != null) {
            return configuredInstance;
        }
        Integer known = discoveredInstance;
        if (known == null) {
            var monitors = client.batteryMonitors(site);
            if (monitors.isEmpty()) {
                throw new CloudException(CloudException.Kind.REJECTED, "VRM installation " + site
                        + " lists no battery monitor in its diagnostics; set battery-instance");
            }
            known = monitors.get(0).instance();
            log.info("VRM installation {}: battery monitor found, instance {} ({}){}", site, known,
                    monitors.get(0).device(), monitors.size() > 1
                            ? "; others: " + monitors.subList(1, monitors.size()) + " (set battery-instance to pick one)"
                            : "");
            discoveredInstance = known;
        }
        return known;
    }

    private long installation() {
        if (configuredInstallation != null) {
            return configuredInstallation;
        }
        Long known = installation;
        if (known == null) {
            var sites = client.installations();
            if (sites.isEmpty()) {
                throw new CloudException(CloudException.Kind.REJECTED, "the VRM account has no installations");
            }
            known = sites.get(0).id();
            installation = known;
        }
        return known;
    }
}
