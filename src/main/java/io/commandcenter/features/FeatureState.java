package io.commandcenter.features;

/**
 * A flag as it stands: in force, and why.
 *
 * @param enabled        in force now
 * @param defaultEnabled what configuration or the environment says
 * @param defaultFrom    where that default comes from ("commandcenter.features.agents", "on with the simulator")
 * @param override       an admin's override, which wins over the default; null when there is none
 */
public record FeatureState(Feature feature, boolean enabled, boolean defaultEnabled, String defaultFrom,
                           FeatureOverride override) {

    public boolean overridden() {
        return override != null;
    }

    /** Where the state in force comes from, in words: "environment default (...)" or "admin override by alice". */
    public String source() {
        return override == null ? "environment default (" + defaultFrom + ")"
                : "admin override by " + override.by();
    }
}
