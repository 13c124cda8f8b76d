package io.commandcenter.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.commandcenter.validation.Limits;
import io.commandcenter.validation.Text;

import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.SolarReading;

/**
 * Body of {@code POST /engine/facts}: one reading or one action request, chosen by {@code type}
 * (battery, solar, device, action). Only the fields of that type are read.
 */
record FactInput(String type, String site, Instant at, Double soc, Double voltage, Double current,
                 Double pvPower, Double loadPower, Double gridPower, Double batteryPower, String device,
                 Boolean online, Boolean on, Double power, String source, String requestedBy, String reason) {

    /** What is wrong, as "field: message"; {@code knownDevice} says whether a device is registered. */
    List<String> violations(Instant now, Predicate<String> knownDevice) {
        List<String> v = new ArrayList<>();
        if (type == null) {
            v.add("type: must be battery, solar, device or action");
            return v;
        }
        if (at != null && at.isAfter(now.plus(Limits.CLOCK_SKEW))) {
            v.add("at: must not be in the future");
        }
        if (at != null && at.isBefore(now.minus(Limits.RAW_RETENTION))) {
            v.add("at: must be within the last " + Limits.RAW_RETENTION.toHours() + " hours");
        }
        if (site != null && !site.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            v.add("site: lower-case letters, digits and dashes, at most 64");
        }
        text(v, "device", device, Limits.NAME);
        text(v, "source", source, Limits.NAME);
        text(v, "requestedBy", requestedBy, Limits.NAME);
        text(v, "reason", reason, Limits.REASON);
        switch (type) {
            case "battery" -> {
                if (soc == null || soc < 0 || soc > 100) v.add("soc: required, 0 to 100");
                if (voltage != null && (voltage < 0 || voltage > Limits.VOLTS)) v.add("voltage: 0 to 1000 V");
                if (current != null && Math.abs(current) > Limits.AMPS) v.add("current: -2000 to 2000 A");
            }
            case "solar" -> {
                if (pvPower == null || pvPower < 0 || pvPower > Limits.WATTS) v.add("pvPower: required, 0 to 100000 W");
                if (loadPower == null || loadPower < 0 || loadPower > Limits.WATTS) v.add("loadPower: required, 0 to 100000 W");
                if (gridPower == null || Math.abs(gridPower) > Limits.WATTS) {
                    v.add("gridPower: required, -100000 to 100000 W (positive = import)");
                }
                if (batteryPower != null && Math.abs(batteryPower) > Limits.WATTS) v.add("batteryPower: -100000 to 100000 W");
                if (soc != null && (soc < 0 || soc > 100)) v.add("soc: 0 to 100");
            }
            case "device" -> {
                if (device == null || device.isBlank()) v.add("device: required");
                else if (Text.problem(device, Limits.NAME) == null && !knownDevice.test(device)) v.add("device: not a registered device");
                if (online == null) v.add("online: required");
                if (power != null && (power < 0 || power > Limits.WATTS)) v.add("power: 0 to 100000 W");
            }
            case "action" -> {
                if (device == null || device.isBlank()) v.add("device: required");
                if (on == null) v.add("on: required (true switches the load on)");
                if (source == null || !List.of("MANUAL", "AUTOMATION", "AGENT").contains(source)) {
                    v.add("source: must be MANUAL, AUTOMATION or AGENT");
                }
                if (requestedBy == null || requestedBy.isBlank()) v.add("requestedBy: required");
            }
            default -> v.add("type: must be battery, solar, device or action");
        }
        return v;
    }

    private static void text(List<String> v, String field, String value, int max) {
        String problem = Text.problem(value, max);
        if (problem != null) {
            v.add(field + ": " + problem);
        }
    }

    BatteryReading battery(String defaultSite, Instant now) {
        return new BatteryReading(site == null ? defaultSite : site, at == null ? now : at, soc,
                voltage == null ? 0 : voltage, current == null ? 0 : current, null);
    }

    SolarReading solar(String defaultSite, Instant now) {
        return new SolarReading(site == null ? defaultSite : site, at == null ? now : at, pvPower,
                batteryPower == null ? 0 : batteryPower, gridPower, loadPower, soc == null ? 0 : soc);
    }

    DevicePowerReading devicePower(Instant now) {
        return new DevicePowerReading(device, at == null ? now : at, online, online ? on : null,
                online ? power : null, null, null, null);
    }

    ActionRequest action(Instant now) {
        return ActionRequest.of(device, on, Source.valueOf(source), requestedBy, reason, at == null ? now : at);
    }
}
