package io.commandcenter.features;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The flags' defaults ({@code commandcenter.features.*}, env {@code COMMANDCENTER_FEATURES_*}); an admin's override
 * wins over them at runtime.
 *
 * @param hardwareControl null: the control module decides ({@code commandcenter.control.hardware-enabled}, or on
 *                        with the simulator and off on a real site)
 * @param learning        learning mode: watch and suggest (off by default)
 */
@ConfigurationProperties("commandcenter.features")
@Validated
record FeatureProperties(
        @DefaultValue("true") boolean victronPolling,
        @DefaultValue("true") boolean shellyPolling,
        @DefaultValue("true") boolean solarkPolling,
        Boolean hardwareControl,
        @DefaultValue("true") boolean automation,
        @DefaultValue("true") boolean agents,
        @DefaultValue("false") boolean learning) {

    /** The configured default; null when the property is left to the module that owns the flag. */
    Boolean of(Feature feature) {
        return switch (feature) {
            case VICTRON_POLLING -> victronPolling;
            case SHELLY_POLLING -> shellyPolling;
            case SOLARK_POLLING -> solarkPolling;
            case HARDWARE_CONTROL -> hardwareControl;
            case AUTOMATION -> automation;
            case AGENTS -> agents;
            case LEARNING -> learning;
        };
    }
}
