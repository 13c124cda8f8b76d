package io.commandcenter.engine;

import java.time.LocalTime;

import io.commandcenter.device.DeviceType;

/** Test rows for decision tables. */
final class Tables {

    private Tables() {
    }

    static TableRow socRow(int row, String name, Double from, Double below, String device, boolean on, int priority) {
        return new TableRow(row, name, from, below, null, null, null, null, null, null, null, null, null, device, null,
                on, priority, 10, true);
    }

    static TableRow typeRow(int row, String name, Double socFrom, Double pvFrom, DeviceType type, boolean on) {
        return new TableRow(row, name, socFrom, null, pvFrom, null, null, null, null, null, LocalTime.of(9, 0),
                LocalTime.of(17, 0), "1,2,3,4,5", null, type, on, 5, 15, true);
    }
}
