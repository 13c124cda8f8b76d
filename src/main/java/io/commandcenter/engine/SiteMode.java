package io.commandcenter.engine;

import java.util.ArrayList;
import java.util.List;

import io.commandcenter.engine.facts.ConfirmationMode;

/**
 * A named preference profile: "Storm prep" keeps the battery fuller, "Away" has every automated action wait for a
 * person. A mode overrides only what it names (null keeps the owner's preference). The critical charge is not among
 * them: no mode can lower the battery floor.
 *
 * @param minSoc            below this no load may be switched on
 * @param pauseMinersBelow  miners pause below this
 * @param resumeMinersAbove miners resume above this
 * @param confirmation      which automated actions need a person's approval
 * @param builtIn           shipped with CommandCenter: can be changed, not deleted
 */
public record SiteMode(String name, String description, Double minSoc, Double pauseMinersBelow,
                       Double resumeMinersAbove, ConfirmationMode confirmation, boolean builtIn) {

    public static final String NORMAL = "Normal";

    public SiteMode {
        description = description == null ? "" : description;
    }

    /** The mode of every site that never switched: the preferences as set. */
    public static SiteMode normal() {
        return new SiteMode(NORMAL, "The preferences as set", null, null, null, null, true);
    }

    /** The owner's preferences with this mode's overrides. */
    public Preferences applyTo(Preferences p) {
        return new Preferences(p.criticalSoc(), or(minSoc, p.minSoc()), p.targetSoc(),
                or(pauseMinersBelow, p.pauseMinersBelow()), or(resumeMinersAbove, p.resumeMinersAbove()),
                p.maxGridDrawWatts(), p.solarPriorityFrom(), p.solarPriorityUntil(), p.quietFrom(), p.quietUntil(),
                p.minerCooldownMinutes(), p.manualHoldMinutes(), p.pauseConfirmMinutes(), p.batteryCapacityKwh(),
                p.autoPauseMiners());
    }

    /** Settings as the rules have them, with this mode's overrides (dry runs switch modes this way). */
    public io.commandcenter.engine.facts.SiteSettings applyTo(io.commandcenter.engine.facts.SiteSettings s) {
        return new io.commandcenter.engine.facts.SiteSettings(s.criticalSoc(), or(minSoc, s.minSoc()), s.targetSoc(),
                or(pauseMinersBelow, s.pauseMinersBelow()), or(resumeMinersAbove, s.resumeMinersAbove()),
                s.maxGridDraw(), s.solarPriorityHours(), s.quietHours(), s.minerCooldownMillis(), s.manualHoldMillis(),
                s.pauseConfirmMillis(), s.batteryCapacityWh(), s.batteryReadingEveryMillis(), s.alarmHysteresis(),
                s.autoPauseMiners());
    }

    /** This mode's confirmation, or the one set in the notification settings when the mode names none. */
    public ConfirmationMode confirmationOr(ConfirmationMode set) {
        return confirmation != null ? confirmation : set;
    }

    /** What this mode changes, in words: "minimum charge 60 %", "every automated action needs approval". */
    public List<String> changes() {
        List<String> out = new ArrayList<>();
        if (minSoc != null) out.add("minimum charge " + percent(minSoc));
        if (pauseMinersBelow != null) out.add("miners pause below " + percent(pauseMinersBelow));
        if (resumeMinersAbove != null) out.add("miners resume above " + percent(resumeMinersAbove));
        if (confirmation == ConfirmationMode.ALWAYS) out.add("every automated action needs approval");
        if (confirmation == ConfirmationMode.SOMETIMES) out.add("automated actions other than pausing miners need approval");
        if (confirmation == ConfirmationMode.NEVER) out.add("automated actions need no approval");
        return out;
    }

    private static String percent(double value) {
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value)) + " %";
    }

    private static double or(Double override, double preference) {
        return override != null ? override : preference;
    }
}
