package io.commandcenter.testmode;

import java.util.Map;

import io.commandcenter.device.Device;
import io.commandcenter.engine.EngineSession;
import io.commandcenter.engine.facts.BatteryLevel;
import io.commandcenter.engine.facts.DevicePower;
import io.commandcenter.engine.facts.PowerFlow;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.SolarReading;

/** Stored readings into a session exactly as the live engine maps them. */
final class ReadingFeed {

    private ReadingFeed() {
    }

    static void battery(EngineSession s, BatteryReading r) {
        s.insertBattery(new BatteryLevel(r.site(), r.at().toEpochMilli(), r.soc()));
    }

    static void solar(EngineSession s, SolarReading r) {
        if (r.stale()) {
            s.forgetPower(); // as the live engine does: frozen cloud numbers are not the flows in force
            return;
        }
        s.insertPower(new PowerFlow(r.site(), r.at().toEpochMilli(), r.pvPower(), r.loadPower(), r.gridPower()));
    }

    static void device(EngineSession s, DevicePowerReading r, Map<String, Device> registry) {
        Device d = registry.get(r.device());
        s.insertDevice(new DevicePower(r.device(), r.at().toEpochMilli(), r.online(), r.on(), r.power()),
                d == null ? null : d.type(), d == null ? 0.0 : d.ratedPower(), d != null && d.essential());
    }
}
