package io.commandcenter.engine;

import io.commandcenter.validation.InvalidParams;
import org.springframework.stereotype.Service;

/** The owner's preferences: stored, validated, and handed to the live sessions as the settings fact. */
@Service
class PreferencesService implements MinerThresholds {

    private final PreferencesRepository repository;
    private final PreferencesProperties defaults;
    private final EngineService engine;

    PreferencesService(PreferencesRepository repository, PreferencesProperties defaults, EngineService engine) {
        this.repository = repository;
        this.defaults = defaults;
        this.engine = engine;
    }

    Preferences current() {
        return repository.find().orElseGet(defaults::toPreferences);
    }

    Preferences update(Preferences preferences, String by) {
        var violations = preferences.violations();
        if (!violations.isEmpty()) {
            throw new InputRejected("invalid-preferences", "The preferences are not consistent")
                    .with("errors", violations).with(InvalidParams.PROPERTY,
                            InvalidParams.fromMessages(violations, "preferences").list());
        }
        repository.save(preferences, by);
        engine.usePreferences(preferences);
        return preferences;
    }

    @Override
    public void change(Double pauseBelow, Double resumeAbove, String by) {
        Preferences p = current();
        update(new Preferences(p.criticalSoc(), p.minSoc(), p.targetSoc(),
                pauseBelow == null ? p.pauseMinersBelow() : pauseBelow,
                resumeAbove == null ? p.resumeMinersAbove() : resumeAbove, p.maxGridDrawWatts(), p.solarPriorityFrom(),
                p.solarPriorityUntil(), p.quietFrom(), p.quietUntil(), p.minerCooldownMinutes(), p.manualHoldMinutes(),
                p.pauseConfirmMinutes(), p.batteryCapacityKwh(), p.autoPauseMiners()), by);
    }

    Preferences reset() {
        repository.delete();
        Preferences preferences = defaults.toPreferences();
        engine.usePreferences(preferences);
        return preferences;
    }
}
