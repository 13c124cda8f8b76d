package io.commandcenter.engine.facts;

import io.commandcenter.device.DeviceType;

/**
 * A schedule's switch that is due (rules/schedules.drl): from {@code from} until {@code until} (epoch millis) it
 * wishes its device, or every device of its type, {@code on} or off like a table row; with {@code switchBack}, for
 * a while after {@code until} the opposite. The rules decide whether it happens (holds, floor, STOP, approvals).
 */
public record ScheduledSwitch(String rule, String device, DeviceType deviceType, boolean on, long from, long until,
                              boolean switchBack) implements OwnersRule {

    @Override
    public String explainedAs() {
        return rule;
    }

    /** How long after its end a switch back is still wished, so a device that was offline gets it when back. */
    public static final long SWITCH_BACK_WINDOW_MILLIS = 10 * 60_000L;
}
