package io.commandcenter.engine.facts;

/**
 * Conclusion: the charge is at or below critical, or would be before the next reading is due.
 * Every load not marked essential goes off, whoever switched it on and whatever hold it has.
 */
public record BatteryFloor() implements Situation {
}
