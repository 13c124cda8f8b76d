package io.commandcenter.features;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.commandcenter.validation.InvalidParams;
import io.commandcenter.validation.Limits;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether each {@link Feature} is on: an admin's override when there is one, otherwise the default from configuration
 * or the environment. Overrides are read once at start and kept in memory, since pollers and commands ask on every
 * round; a change is stored with its audit row and published as {@link FeatureToggled} in one transaction.
 */
@Service
public class FeatureFlags {

    private static final Log log = LogFactory.getLog(FeatureFlags.class);

    private final FeatureRepository repository;
    private final Map<Feature, FeatureDefault> defaults;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Map<Feature, FeatureOverride> overrides = new ConcurrentHashMap<>();

    FeatureFlags(FeatureRepository repository, FeatureProperties properties, List<FeatureDefault> moduleDefaults,
                 Clock clock, ApplicationEventPublisher events, PlatformTransactionManager transactionManager) {
        this.repository = repository;
        this.defaults = defaults(properties, moduleDefaults);
        this.clock = clock;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        reload();
        log.info("Feature flags: " + Arrays.stream(Feature.values()).map(this::state)
                .map(s -> s.feature() + " " + (s.enabled() ? "on" : "off")
                        + (s.overridden() ? " (" + s.source() + ": " + s.override().reason() + ")" : ""))
                .collect(Collectors.joining(", ")));
    }

    /** The property when set; else the module's own default; else off (a flag nobody set is not trusted on). */
    private static Map<Feature, FeatureDefault> defaults(FeatureProperties properties, List<FeatureDefault> fromModules) {
        Map<Feature, FeatureDefault> out = new EnumMap<>(Feature.class);
        for (FeatureDefault d : fromModules) {
            if (out.putIfAbsent(d.feature(), d) != null) {
                log.warn("Two defaults offered for " + d.feature() + "; keeping the first");
            }
        }
        for (Feature f : Feature.values()) {
            Boolean configured = properties.of(f);
            if (configured != null) {
                out.put(f, new FeatureDefault(f, configured, f.property() + " (env " + f.environmentVariable() + ")"));
            } else {
                out.putIfAbsent(f, new FeatureDefault(f, false, f.property() + " not set"));
            }
        }
        return out;
    }

    public boolean isEnabled(Feature feature) {
        FeatureOverride o = overrides.get(feature);
        return o != null ? o.enabled() : defaults.get(feature).enabled();
    }

    public FeatureState state(Feature feature) {
        FeatureDefault d = defaults.get(feature);
        FeatureOverride o = overrides.get(feature);
        return new FeatureState(feature, o != null ? o.enabled() : d.enabled(), d.enabled(), d.from(), o);
    }

    /** Every flag, in the order of {@link Feature}. */
    public List<FeatureState> all() {
        return Arrays.stream(Feature.values()).map(this::state).toList();
    }

    /**
     * An admin overrides the flag's default until the override is cleared ({@link #reset}); kept across restarts.
     *
     * @throws io.commandcenter.validation.InvalidRequest without a reason (400 naming {@code reason})
     */
    public FeatureState override(Feature feature, boolean enabled, String by, String reason) {
        checkReason(new InvalidParams(), reason).throwIfAny("invalid-feature-change", "The flag " + feature
                + " was not changed");
        return change(feature, new FeatureOverride(enabled, by, clock.instant(), reason.strip()));
    }

    /** Clears the admin's override: the default from configuration or the environment applies again. */
    public FeatureState reset(Feature feature, String by, String reason) {
        checkReason(new InvalidParams(), reason).throwIfAny("invalid-feature-change", "The flag " + feature
                + " was not changed");
        return change(feature, null, by, reason.strip());
    }

    /** The latest changes, newest first; of one flag, or of all when {@code feature} is null. */
    public List<FeatureChange> changes(Feature feature, int limit) {
        return repository.changes(feature, limit);
    }

    /** A change needs a reason: the audit says why, not only who. */
    static InvalidParams checkReason(InvalidParams problems, String reason) {
        if (reason == null || reason.isBlank()) {
            problems.add("reason", "required: say why (it is kept with the change)");
        } else {
            problems.text("reason", reason, Limits.REASON);
        }
        return problems;
    }

    private FeatureState change(Feature feature, FeatureOverride next) {
        return change(feature, next, next.by(), next.reason());
    }

    // One change at a time, so each audit row's "before" is the previous row's "after".
    private synchronized FeatureState change(Feature feature, FeatureOverride next, String by, String reason) {
        Instant at = next != null ? next.at() : clock.instant();
        FeatureState before = state(feature);
        try {
            transactions.executeWithoutResult(status -> {
                if (next == null) {
                    repository.deleteOverride(feature);
                    overrides.remove(feature);
                } else {
                    repository.saveOverride(feature, next);
                    overrides.put(feature, next);
                }
                boolean enabled = isEnabled(feature);
                repository.recordChange(feature, next == null ? null : next.enabled(), before.enabled(), enabled, by,
                        at, reason);
                // Listeners after commit see the new state already.
                events.publishEvent(new FeatureToggled(feature, enabled, before.enabled(), next != null, by, reason, at));
            });
        } catch (RuntimeException e) {
            reloadQuietly();
            throw e;
        }
        FeatureState after = state(feature);
        log.info("Feature flag " + feature + " is " + (after.enabled() ? "ON" : "OFF")
                + (next == null ? " (back to its default)" : " (override by " + by + ")") + ": " + reason);
        return after;
    }

    /** Reads the stored overrides again (at start; after a failed change; tests that clear the table). */
    void reload() {
        Map<Feature, FeatureOverride> stored = repository.overrides();
        overrides.keySet().retainAll(stored.keySet());
        overrides.putAll(stored);
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            log.warn("Could not read the feature overrides again: " + e.getMessage());
        }
    }
}
