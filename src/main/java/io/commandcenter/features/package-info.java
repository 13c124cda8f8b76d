/**
 * Feature flags: whether each part of the platform runs (the three clouds' polling, hardware control, automation,
 * the agents, learning). Each {@link io.commandcenter.features.Feature} has a default from the configuration or the
 * environment ({@code COMMANDCENTER_FEATURES_AUTOMATION=false}); an admin may override it at runtime, with a reason.
 * Overrides are stored, every change is kept with who made it, when and why, and published as
 * {@link io.commandcenter.features.FeatureToggled}. Features ask {@link io.commandcenter.features.FeatureFlags};
 * this module knows none of them. A module that works out a flag's default itself (control, for hardware control)
 * offers it as a {@link io.commandcenter.features.FeatureDefault}. No flag can switch the battery floor off.
 * See docs/features.md.
 */
package io.commandcenter.features;
