package io.commandcenter.timeseries;

import java.util.List;

/**
 * The production write path for readings. Validates every reading (NaN, SOC outside 0..100,
 * timestamps in the future, missing fields), stores the good ones in batches, counts and
 * records the rejected ones with their reason, then publishes {@link ReadingsStored}.
 */
public interface ReadingWriter {

    StoreResult storeBattery(List<BatteryReading> readings);

    StoreResult storeSolar(List<SolarReading> readings);

    StoreResult storeDevices(List<DevicePowerReading> readings);

    /** How many readings of a batch were stored and why the others were rejected. */
    record StoreResult(int stored, List<String> rejections) {
        public int rejected() {
            return rejections.size();
        }
    }
}
