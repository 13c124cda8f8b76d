package io.commandcenter.engine;

/**
 * The owner's miner thresholds, for features that suggest changing them (learning): changed as the preferences page
 * changes them, checked the same way (a pause threshold below the critical charge is refused).
 */
public interface MinerThresholds {

    /** Sets the charge below which miners pause, or above which they resume (null: unchanged). */
    void change(Double pauseBelow, Double resumeAbove, String by);
}
