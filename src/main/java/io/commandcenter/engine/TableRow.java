package io.commandcenter.engine;

import java.time.LocalTime;

import io.commandcenter.device.DeviceType;

/**
 * One decision-table row. Every condition is optional (null = any); a range includes its
 * "from" and excludes its "below". The row targets one device or every device of one type.
 *
 * @param row       row number, 1-based, stable within the table
 * @param name      short unique name within the table; with the table name it is the rule name
 * @param socFrom   state of charge at least this percent
 * @param socBelow  state of charge below this percent
 * @param pvFrom    solar power at least this many watts (likewise load and grid import)
 * @param timeFrom  local time of day the row starts (with timeUntil; may cross midnight)
 * @param weekdays  e.g. "1,2,3,4,5" for Monday to Friday (1 = Monday), null = every day
 * @param on        the action: switch the target on (true) or off
 * @param priority  higher wins when several rows want the same device
 * @param cooldownMinutes after the device was switched, the row waits this long
 */
public record TableRow(int row, String name, Double socFrom, Double socBelow, Double pvFrom, Double pvBelow,
                       Double loadFrom, Double loadBelow, Double gridFrom, Double gridBelow, LocalTime timeFrom,
                       LocalTime timeUntil, String weekdays, String device, DeviceType deviceType, boolean on,
                       int priority, int cooldownMinutes, boolean enabled) {

    /** The rule name the row compiles to. */
    public String ruleName(String table) {
        return table + " / " + name;
    }

    /** "device miner-1" or "every MINER". */
    public String target() {
        return device != null ? "device " + device : "every " + deviceType;
    }
}
