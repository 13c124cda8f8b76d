package io.commandcenter.ingest.openmeteo;

/**
 * The PV array, for turning forecast irradiance into watts. The model is deliberately simple and documented
 * (docs/ingest.md#solar-forecast): {@code P = kWp × 1000 × G/1000 × (1 − losses) × (1 + γ (T_cell − 25))}, with the
 * cell temperature estimated from the air by the NOCT method, {@code T_cell = T_air + G/800 × (NOCT − 20)}.
 *
 * @param kwp                    peak power of the panels, kW (STC)
 * @param tilt                   panel tilt, degrees from horizontal (0 flat, 90 vertical)
 * @param azimuth                panel direction in Open-Meteo's convention: 0 south, -90 east, 90 west
 * @param losses                 wiring, inverter, soiling and mismatch together, 0..1 (0.14 is a common default)
 * @param temperatureCoefficient power change per °C of cell temperature above 25 °C (about -0.004 for silicon)
 */
public record SolarArray(double kwp, double tilt, double azimuth, double losses, double temperatureCoefficient) {

    /** Nominal operating cell temperature of common modules, °C. */
    static final double NOCT = 45;

    /** The power expected with {@code irradiance} W/m² on the panels at {@code airTemperature} °C, W. */
    public double expectedWatts(double irradiance, double airTemperature) {
        if (irradiance <= 0) {
            return 0;
        }
        double cellTemperature = airTemperature + irradiance / 800 * (NOCT - 20);
        double watts = kwp * 1000 * (irradiance / 1000) * (1 - losses)
                * (1 + temperatureCoefficient * (cellTemperature - 25));
        return Math.max(0, watts);
    }
}
