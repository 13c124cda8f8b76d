package io.commandcenter.engine.facts;

/** The latest inverter power flow in watts (grid positive = import); absent until the first reading. */
public record PowerNow(double pv, double load, double grid, long at) {

    /**
     * Estimated grid import if a load of {@code extraWatts} starts now: the new load first
     * soaks up the solar surplus, the rest comes from the grid on top of today's import.
     */
    public double gridImportWith(double extraWatts) {
        double surplus = Math.max(0, pv - load);
        return Math.max(0, grid) + Math.max(0, extraWatts - surplus);
    }
}
