package io.commandcenter.testmode;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code report.json}: records in declaration order, maps sorted, two-space indent, a final newline. */
public final class ReportJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ReportJson() {
    }

    public static String write(SimulationReport report) {
        return MAPPER.writeValueAsString(report) + "\n";
    }

    public static SimulationReport read(String json) {
        return MAPPER.readValue(json, SimulationReport.class);
    }
}
