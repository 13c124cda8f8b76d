package io.commandcenter.ingest.solark;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.ConnectionCheck;
import io.commandcenter.ingest.PollSource;
import io.commandcenter.ingest.internal.PollResult;
import io.commandcenter.ingest.internal.SourcePoller;
import io.commandcenter.timeseries.ReadingWriter;
import io.commandcenter.timeseries.SolarReading;
import io.commandcenter.timeseries.TimeseriesQueries;
import io.commandcenter.timeseries.TimeseriesQueries.BatteryPoint;
import io.commandcenter.timeseries.Resolution;

/**
 * Reads the inverter's power flows. The cloud refreshes every ~5 minutes, so repeats are normal and stored as read.
 * But the flow has no time stamp: when its values stay the same for {@code staleAfter} while the battery monitor
 * (VRM) shows the battery moving, the cloud has frozen. Such a flow is stored marked stale, the poll fails with
 * "stale data", and the engine forgets the inverter's flows until they move again. Without battery readings there is
 * no telling, and the flow is taken as read: unknown is not stale.
 */
final class SolArkPoller extends SourcePoller {

    /** A state-of-charge change of this many percent points in the window counts as the battery moving. */
    private static final double MOVING_SOC_POINTS = 1.0;

    private final SolArkClient client;
    private final ReadingWriter writer;
    private final TimeseriesQueries battery;
    private final String site;
    private final Long configuredPlant;
    private final ZoneId zone;
    private final Duration staleAfter;
    private final double movingCurrent;
    private volatile Long plant;
    private volatile SolArkPayloads.EnergyFlow lastFlow;
    private volatile Instant lastChanged;

    SolArkPoller(SolArkClient client, ReadingWriter writer, TimeseriesQueries battery, String site, Long plantId,
                 ZoneId zone, Duration interval, Duration staleAfter, double movingCurrent, String origin) {
        super(PollSource.SOLARK, interval, origin);
        this.client = client;
        this.writer = writer;
        this.battery = battery;
        this.site = site;
        this.configuredPlant = plantId;
        this.zone = zone;
        this.staleAfter = staleAfter;
        this.movingCurrent = movingCurrent;
    }

    /** A poller that is never scheduled, saying why. */
    static SolArkPoller off(String why) {
        return new SolArkPoller(null, null, null, null, null, ZoneId.of("UTC"), Duration.ofMinutes(2),
                Duration.ofMinutes(15), 2, why);
    }

    @Override
    public boolean enabled() {
        return client != null;
    }

    @Override
    public ConnectionCheck checkConnection() {
        if (client == null) {
            return super.checkConnection();
        }
        try {
            List<String> found = client.plants().stream()
                    .map(p -> "plant " + p.id() + " " + p.name() + (Long.valueOf(p.id()).equals(configuredPlant) ? " (configured)" : ""))
                    .toList();
            return new ConnectionCheck(source(), true, origin(), found);
        } catch (CloudException e) {
            return ConnectionCheck.failed(source(), e.getMessage());
        }
    }

    @Override
    public PollResult poll(Instant now) {
        var flow = client.flow(plant(), zone);
        Instant changed = changedAt(flow, now);
        boolean stale = !now.isBefore(changed.plus(staleAfter)) && batteryMoving(now);
        var reading = new SolarReading(site, now, flow.pvPower(), flow.batteryPower(), flow.gridPower(),
                flow.loadPower(), flow.soc(), stale, changed);
        PollResult stored = PollResult.of(writer.storeSolar(List.of(reading)));
        if (stale && stored.succeeded()) {
            return new PollResult(stored.readings(), "stale data: SolArk shows the same values since " + changed
                    + " while the battery monitor shows the battery moving");
        }
        return stored;
    }

    /** When the cloud first showed these values; identical values keep the earlier time. */
    private synchronized Instant changedAt(SolArkPayloads.EnergyFlow flow, Instant now) {
        if (lastChanged == null || !flow.equals(lastFlow) || now.isBefore(lastChanged)) {
            lastFlow = flow;
            lastChanged = now;
        }
        return lastChanged;
    }

    /** The battery monitor's readings of the last {@code staleAfter} show current through the battery or a SOC change. */
    private boolean batteryMoving(Instant now) {
        List<BatteryPoint> points = battery.batteryHistory(now.minus(staleAfter), now.plusMillis(1), Resolution.RAW)
                .points();
        double socMin = Double.POSITIVE_INFINITY;
        double socMax = Double.NEGATIVE_INFINITY;
        for (BatteryPoint point : points) {
            double soc = point.soc().avg();
            socMin = Math.min(socMin, soc);
            socMax = Math.max(socMax, soc);
            double volts = point.voltage().avg();
            if (volts > 0 && Math.abs(point.power().avg()) / volts >= movingCurrent) {
                return true;
            }
        }
        return !points.isEmpty() && socMax - socMin >= MOVING_SOC_POINTS;
    }

    private long plant() {
        if (configuredPlant != null) {
            return configuredPlant;
        }
        Long known = plant;
        if (known == null) {
            var plants = client.plants();
            if (plants.isEmpty()) {
                throw new CloudException(CloudException.Kind.REJECTED, "the SolArk account has no plants");
            }
            known = plants.get(0).id();
            plant = known;
        }
        return known;
    }
}
