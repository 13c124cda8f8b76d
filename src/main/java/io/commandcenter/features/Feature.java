package io.commandcenter.features;

import java.util.Locale;
import java.util.Optional;

/**
 * A part of the platform that can be switched off. Each names its configuration property
 * ({@code commandcenter.features.victron-polling}, env {@code COMMANDCENTER_FEATURES_VICTRON_POLLING}) and says in
 * plain words what happens when it is off; docs/features.md says where each one acts.
 */
public enum Feature {

    VICTRON_POLLING("Victron polling", "Reads the battery from Victron VRM.",
            "No VRM polls; /health shows the source as off, with no alert. The rules keep the last charge they saw."),
    SHELLY_POLLING("Shelly polling", "Reads relay states and power from Shelly Cloud.",
            "No Shelly polls; /health shows the source as off, with no alert. Switching still reads each relay itself."),
    SOLARK_POLLING("SolArk polling", "Reads solar, load and grid from the SolArk cloud.",
            "No SolArk polls; /health shows the source as off, with no alert."),
    HARDWARE_CONTROL("Hardware control", "Automated actions reach the relays.",
            "Everything but a person's own switch is decided and logged as 'would execute', never sent, the battery"
                    + " floor's protective offs included. A person's switch still works."),
    AUTOMATION("Automation", "Carries out what the rules decide on their own: miners, decision tables.",
            "Automation's proposals are decided and logged as 'automation disabled by feature flag', never sent."
                    + " A person's switch and the battery floor's protective offs still act."),
    AGENTS("Agents", "The chat agents answer questions about the site.",
            "The chat answers that the agents are switched off (HTTP 503); past conversations stay readable."),
    LEARNING("Learning", "Watches approvals, manual commands and overrides and suggests rules on /automation.",
            "Nothing is watched or suggested; suggestions already made stay listed. It never changes anything itself.");

    private final String label;
    private final String description;
    private final String whenOff;

    Feature(String label, String description, String whenOff) {
        this.label = label;
        this.description = description;
        this.whenOff = whenOff;
    }

    /** The name a site owner reads: "Victron polling". */
    public String label() {
        return label;
    }

    /** What it does when on. */
    public String description() {
        return description;
    }

    /** What changes when it is off. */
    public String whenOff() {
        return whenOff;
    }

    /** The property that sets its default: {@code commandcenter.features.victron-polling}. */
    public String property() {
        return "commandcenter.features." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The environment variable that sets its default: {@code COMMANDCENTER_FEATURES_VICTRON_POLLING}. */
    public String environmentVariable() {
        return "COMMANDCENTER_FEATURES_" + name();
    }

    /** {@code AUTOMATION}, {@code automation} or {@code victron-polling}; empty for anything else. */
    public static Optional<Feature> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Feature f : values()) {
            if (f.name().equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
