package io.commandcenter.ingest.internal;

import java.util.Optional;

import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureFlags;
import io.commandcenter.features.FeatureState;
import io.commandcenter.ingest.PollSource;
import org.springframework.stereotype.Component;

/**
 * Which clouds their feature flag lets poll: VICTRON_POLLING, SHELLY_POLLING, SOLARK_POLLING. The forecast has no
 * flag. Read at every round, so an admin's change takes effect at the next one.
 */
@Component
public class PollingFlags {

    private final FeatureFlags flags;

    PollingFlags(FeatureFlags flags) {
        this.flags = flags;
    }

    public static Optional<Feature> flagOf(PollSource source) {
        return Optional.ofNullable(switch (source) {
            case VICTRON -> Feature.VICTRON_POLLING;
            case SHELLY -> Feature.SHELLY_POLLING;
            case SOLARK -> Feature.SOLARK_POLLING;
            case FORECAST -> null;
        });
    }

    public static Optional<PollSource> sourceOf(Feature feature) {
        for (PollSource source : PollSource.values()) {
            if (flagOf(source).filter(feature::equals).isPresent()) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }

    public boolean switchedOff(PollSource source) {
        return flagOf(source).map(f -> !flags.isEnabled(f)).orElse(false);
    }

    /** "switched off by feature flag VICTRON_POLLING (admin override by alice: storm)"; null while it may poll. */
    public String whyOff(PollSource source) {
        Optional<FeatureState> off = flagOf(source).map(flags::state).filter(s -> !s.enabled());
        return off.map(s -> "switched off by feature flag " + s.feature() + " (" + s.source()
                + (s.overridden() ? ": " + s.override().reason() : "") + ")").orElse(null);
    }
}
