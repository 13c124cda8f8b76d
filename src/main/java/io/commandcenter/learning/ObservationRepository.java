package io.commandcenter.learning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.commandcenter.device.DeviceType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code learning.observations}: what people did, with the situation at that moment. */
@Repository
class ObservationRepository {

    private final JdbcClient jdbc;

    ObservationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(Observation o) {
        jdbc.sql("""
                INSERT INTO learning.observations (kind, device, device_type, switch_on, requested_by, decision, soc,
                    pv, load, grid, minute_of_day, weekday, mode, forecast_kwh, at)
                VALUES (:kind, :device, :type, :on, :by, :decision, :soc, :pv, :load, :grid, :minute, :weekday, :mode,
                    :forecast, :at)""")
                .param("kind", o.kind().name()).param("device", o.device()).param("type", o.type().name())
                .param("on", o.on()).param("by", o.requestedBy()).param("decision", o.decision())
                .param("soc", o.soc()).param("pv", o.pv()).param("load", o.load()).param("grid", o.grid())
                .param("minute", o.minuteOfDay()).param("weekday", o.weekday()).param("mode", o.mode())
                .param("forecast", o.forecastKwh()).param("at", Timestamp.from(o.at())).update();
    }

    List<Observation> since(Instant since) {
        return jdbc.sql("SELECT * FROM learning.observations WHERE at >= :since ORDER BY at, id")
                .param("since", Timestamp.from(since)).query((rs, n) -> map(rs)).list();
    }

    List<Observation> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM learning.observations WHERE id IN (:ids) ORDER BY at, id").param("ids", ids)
                .query((rs, n) -> map(rs)).list();
    }

    private static Observation map(ResultSet rs) throws SQLException {
        return new Observation(rs.getLong("id"), Observation.Kind.valueOf(rs.getString("kind")), rs.getString("device"),
                DeviceType.valueOf(rs.getString("device_type")), rs.getBoolean("switch_on"),
                rs.getString("requested_by"), rs.getObject("decision", UUID.class), number(rs, "soc"),
                number(rs, "pv"), number(rs, "load"), number(rs, "grid"), rs.getInt("minute_of_day"),
                rs.getInt("weekday"), rs.getString("mode"), number(rs, "forecast_kwh"),
                rs.getTimestamp("at").toInstant());
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
