package io.commandcenter.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    List<String> violations(Instant now) {
        List<String> v = new ArrayList<>();
        if (type == null) {
            v.add("type: must be battery, solar, device or action");
            return v;
        }
        if (at != null && at.isAfter(now.plusSeconds(60))) {
            v.add("at: must not be in the future");
        }
        switch (type) {
            case "battery" -> {
                if (soc == null || soc.isNaN() || soc < 0 || soc > 100) v.add("soc: required, 0 to 100");
            }
            case "solar" -> {
                if (pvPower == null || pvPower.isNaN() || pvPower < 0) v.add("pvPower: required, 0 or more watts");
                if (loadPower == null || loadPower.isNaN() || loadPower < 0) v.add("loadPower: required, 0 or more watts");
                if (gridPower == null || gridPower.isNaN()) v.add("gridPower: required watts (positive = import)");
                if (soc != null && (soc.isNaN() || soc < 0 || soc > 100)) v.add("soc: 0 to 100");
            }
            case "device" -> {
                if (device == null || device.isBlank()) v.add("device: required");
                if (online == null) v.add("online: required");
                if (power != null && (power.isNaN() || power < 0)) v.add("power: 0 or more watts");
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
