package io.commandcenter.engine.facts;

import java.util.List;

/**
 * One condition of an if/then rule; {@code test} names what it tests (SOC, PV, LOAD, GRID, BATTERY_POWER, TIME,
 * WEEKDAY, DEVICE, MODE, FORECAST_KWH, CLOUD_COVER, TEMPERATURE). A measure holds when {@code >= atLeast} and
 * {@code < below} (null = no bound).
 */
public record IfCondition(String rule, int index, String test, Double atLeast, Double below, int hours,
                          DailyWindow window, List<Integer> weekdays, String device, String state, String mode) implements OwnersRule {

    @Override
    public String explainedAs() {
        return rule;
    }

    public IfCondition {
        weekdays = weekdays == null ? List.of() : List.copyOf(weekdays);
    }

    public boolean holds(double value) {
        return (atLeast == null || value >= atLeast) && (below == null || value < below);
    }

    /** PV, LOAD, GRID or BATTERY_POWER from the inverter's flows; the battery charges when positive. */
    public boolean holdsForFlows(double pv, double load, double grid) {
        return switch (test) {
            case "PV" -> holds(pv);
            case "LOAD" -> holds(load);
            case "GRID" -> holds(grid);
            case "BATTERY_POWER" -> holds(pv + grid - load);
            default -> false;
        };
    }

    /** FORECAST_KWH, CLOUD_COVER or TEMPERATURE over this condition's window of hours. */
    public boolean holdsForForecast(double kwh, double cloudCover, double temperature) {
        return switch (test) {
            case "FORECAST_KWH" -> holds(kwh);
            case "CLOUD_COVER" -> holds(cloudCover);
            case "TEMPERATURE" -> holds(temperature);
            default -> false;
        };
    }

    public boolean holdsAt(int minuteOfDay, int weekday) {
        return switch (test) {
            case "TIME" -> window != null && window.contains(minuteOfDay);
            case "WEEKDAY" -> weekdays.contains(weekday);
            default -> false;
        };
    }

    /** DEVICE: ON and OFF need the state known (unknown is neither), ONLINE and OFFLINE the cloud's word. */
    public boolean holdsForDevice(boolean online, Boolean on) {
        return switch (state) {
            case "ON" -> online && Boolean.TRUE.equals(on);
            case "OFF" -> online && Boolean.FALSE.equals(on);
            case "ONLINE" -> online;
            case "OFFLINE" -> !online;
            default -> false;
        };
    }
}
