package io.commandcenter.engine;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.facts.SolarForecast;

/**
 * What the if/then builder and the schedule form on /automation offer to pick from: every trigger (with the inputs
 * it needs), the registered devices, the device types, the site modes, the forecast windows and the weekdays.
 * Public for the workflow form, whose steps use the builder's conditions and are rendered by the workflow module.
 *
 * @param zone the site's time zone, in which the forms' times and dates are meant
 */
public record AutomationChoices(List<TriggerChoice> triggers, List<String> devices, List<Choice> deviceTypes,
                         List<String> modes, List<Integer> forecastHours, List<Choice> weekdays, ZoneId zone) {

    /** A value and how the form words it. */
    public record Choice(String value, String label) {
    }

    /**
     * A trigger as the builder offers it.
     *
     * @param kind which inputs follow it: measure (a range), forecast (hours and a range), time, weekday, device, mode
     * @param unit what a measure's numbers are in
     */
    public record TriggerChoice(IfThenRule.Trigger trigger, String label, String kind, String unit) {
    }

    public static AutomationChoices of(List<Device> devices, List<SiteMode> modes, ZoneId zone) {
        return new AutomationChoices(Arrays.stream(IfThenRule.Trigger.values()).map(AutomationChoices::trigger).toList(),
                devices.stream().map(Device::name).sorted().toList(),
                Arrays.stream(DeviceType.values()).map(t -> new Choice(t.name(), typeLabel(t))).toList(),
                modes.stream().map(SiteMode::name).toList(), SolarForecast.HORIZONS,
                Arrays.stream(DayOfWeek.values()).map(d -> new Choice(String.valueOf(d.getValue()),
                        d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))).toList(), zone);
    }

    // A switch without default: a new trigger does not compile until the builder knows how to offer it.
    private static TriggerChoice trigger(IfThenRule.Trigger t) {
        return switch (t) {
            case SOC -> new TriggerChoice(t, "the battery charge", "measure", "%");
            case PV -> new TriggerChoice(t, "solar power", "measure", "W");
            case LOAD -> new TriggerChoice(t, "the load", "measure", "W");
            case GRID -> new TriggerChoice(t, "the grid draw", "measure", "W");
            case BATTERY_POWER -> new TriggerChoice(t, "the power into the battery", "measure", "W (negative: discharging)");
            case TIME -> new TriggerChoice(t, "the time", "time", "");
            case WEEKDAY -> new TriggerChoice(t, "the day", "weekday", "");
            case DEVICE -> new TriggerChoice(t, "a device", "device", "");
            case MODE -> new TriggerChoice(t, "the site mode", "mode", "");
            case FORECAST_KWH -> new TriggerChoice(t, "the solar forecast", "forecast", "kWh");
            case CLOUD_COVER -> new TriggerChoice(t, "the forecast cloud cover", "forecast", "%");
            case TEMPERATURE -> new TriggerChoice(t, "the forecast temperature", "forecast", "°C");
        };
    }

    /** "switch every miner off": the type in the singular, as the sentence reads. */
    private static String typeLabel(DeviceType type) {
        return switch (type) {
            case MINER -> "miner";
            case PUMP -> "pump";
            case HEATER -> "heater";
            case LIGHTING -> "light";
            case OTHER -> "other device";
        };
    }
}
