package io.commandcenter.engine.facts;

/**
 * Where the charge will be when the next battery reading is due, at the present net draw. Readings
 * can be minutes apart (VRM every 3 minutes, sparser when the cloud lags): a 2.5 kW heater on a
 * small battery can cross the critical level between two of them, so the floor acts on the
 * projection as well as on the reading.
 *
 * @param soc            the latest reading, %
 * @param projectedSoc   the charge expected at {@code nextReadingDue}, %
 * @param netDrawWatts   what the battery supplies now (load minus solar minus grid; negative when charging)
 * @param nextReadingDue epoch millis
 * @param basis          how the projection was made, for the decision's explanation
 */
public record BatteryOutlook(double soc, double projectedSoc, double netDrawWatts, long nextReadingDue, String basis) {
}
