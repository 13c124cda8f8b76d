package io.commandcenter.engine;

import java.time.Instant;
import java.util.List;

import io.commandcenter.engine.facts.BatteryAlarm;

/**
 * The low-battery alarm changed: raised at the minimum, raised to critical, eased back or cleared
 * (with hysteresis, so a hovering charge does not repeat it). {@code from}/{@code to} are null for
 * "no alarm". Published by the engine; the notifier sends it ignoring quiet hours.
 *
 * @param loadsNotOff        non-essential loads not known to be off when it changed
 * @param switchedOnByPerson those a person switched on: below the minimum the floor leaves them to
 *                           the owner, and this is the owner's warning
 */
public record BatteryAlarmChanged(String site, BatteryAlarm.Level from, BatteryAlarm.Level to, double soc,
                                  List<String> loadsNotOff, List<String> switchedOnByPerson, Instant at) {

    public boolean raised() {
        return to != null && (from == null || (from == BatteryAlarm.Level.MINIMUM && to == BatteryAlarm.Level.CRITICAL));
    }

    public boolean cleared() {
        return to == null;
    }
}
