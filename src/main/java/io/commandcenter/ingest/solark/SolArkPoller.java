package io.commandcenter.ingest.solark;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.PollSource;
import io.commandcenter.ingest.internal.PollResult;
import io.commandcenter.ingest.internal.SourcePoller;
import io.commandcenter.timeseries.ReadingWriter;
import io.commandcenter.timeseries.SolarReading;

/** Reads the inverter's power flows. The cloud refreshes every ~5 minutes; repeats are normal and stored as read. */
final class SolArkPoller extends SourcePoller {

    private final SolArkClient client;
    private final ReadingWriter writer;
    private final String site;
    private final Long configuredPlant;
    private final ZoneId zone;
    private volatile Long plant;

    SolArkPoller(SolArkClient client, ReadingWriter writer, String site, Long plantId, ZoneId zone, Duration interval,
                 String origin) {
        super(PollSource.SOLARK, interval, origin);
        this.client = client;
        this.writer = writer;
        this.site = site;
        this.configuredPlant = plantId;
        this.zone = zone;
    }

    /** A poller that is never scheduled, saying why. */
    static SolArkPoller off(String why) {
        return new SolArkPoller(null, null, null, null, ZoneId.of("UTC"), Duration.ofMinutes(2), why);
    }

    @Override
    public boolean enabled() {
        return client != null;
    }

    @Override
    public PollResult poll(Instant now) {
        var flow = client.flow(plant(), zone);
        var reading = new SolarReading(site, now, flow.pvPower(), flow.batteryPower(), flow.gridPower(),
                flow.loadPower(), flow.soc());
        return PollResult.of(writer.storeSolar(List.of(reading)));
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
