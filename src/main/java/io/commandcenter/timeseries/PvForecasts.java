package io.commandcenter.timeseries;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.commandcenter.timeseries.ReadingWriter.StoreResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The solar forecasts: stored issue by issue (kept {@link #KEPT} days), the latest one read back for the power page
 * and the rules. Hours with impossible values are refused with their reason, like readings; the rest of the issue is
 * stored, and {@link ForecastStored} is published after the commit.
 */
@Service
public class PvForecasts {

    /** Issues older than this are forgotten. */
    static final Duration KEPT = Duration.ofDays(30);

    private static final Log log = LogFactory.getLog(PvForecasts.class);

    private final ForecastRepository repository;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration futureSkew;

    PvForecasts(ForecastRepository repository, TransactionTemplate tx, ApplicationEventPublisher events, Clock clock,
                TimeseriesProperties properties) {
        this.repository = repository;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
        this.futureSkew = properties.futureSkew();
    }

    public StoreResult store(PvForecast forecast) {
        List<String> rejections = new ArrayList<>();
        if (forecast.issuedAt().isAfter(clock.instant().plus(futureSkew))) {
            return new StoreResult(0, List.of("forecast issued at " + forecast.issuedAt() + " is in the future"));
        }
        List<PvForecast.Hour> good = new ArrayList<>();
        Instant previous = Instant.MIN;
        for (PvForecast.Hour h : forecast.hours()) {
            String why = check(h, previous);
            if (why != null) {
                rejections.add("forecast hour " + h.endsAt() + ": " + why);
                continue;
            }
            good.add(h);
            previous = h.endsAt();
        }
        if (!rejections.isEmpty()) {
            log.warn("Refused " + rejections.size() + " of " + forecast.hours().size() + " forecast hours from "
                    + forecast.origin() + ", e.g. " + rejections.get(0));
        }
        PvForecast stored = new PvForecast(forecast.site(), forecast.issuedAt(), forecast.origin(), good);
        Integer count = tx.execute(status -> {
            repository.deleteIssuedBefore(clock.instant().minus(KEPT));
            return repository.save(forecast.site(), forecast.issuedAt(), good);
        });
        if (!good.isEmpty()) {
            events.publishEvent(new ForecastStored(stored));
        }
        return new StoreResult(count == null ? 0 : count, List.copyOf(rejections));
    }

    /** The latest issue, with its hours ending within {@code (from, to]}; empty before the first forecast. */
    public Optional<PvForecast> latest(String site, Instant from, Instant to) {
        return repository.latest(site, from, to);
    }

    /** Every issue made in {@code [from, to)}, oldest first, with all its hours: what a replay of that time saw. */
    public List<PvForecast> issuedBetween(Instant from, Instant to) {
        return repository.issuedBetween(from, to);
    }

    private static String check(PvForecast.Hour h, Instant previous) {
        if (h.endsAt() == null) {
            return "no time";
        }
        if (!h.endsAt().isAfter(previous)) {
            return "not after the hour before it";
        }
        if (!Double.isFinite(h.irradiance()) || h.irradiance() < 0 || h.irradiance() > 1500) {
            return "irradiance " + h.irradiance() + " W/m² is outside 0..1500";
        }
        if (!Double.isFinite(h.cloudCover()) || h.cloudCover() < 0 || h.cloudCover() > 100) {
            return "cloud cover " + h.cloudCover() + " % is outside 0..100";
        }
        if (!Double.isFinite(h.temperature()) || h.temperature() < -90 || h.temperature() > 60) {
            return "temperature " + h.temperature() + " °C is outside -90..60";
        }
        if (!Double.isFinite(h.expectedPvW()) || h.expectedPvW() < 0) {
            return "expected PV " + h.expectedPvW() + " W is not a power";
        }
        return null;
    }
}
