package io.commandcenter.timeseries;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code forecast.pv_hours}: every issue of the solar forecast, hour by hour. */
@Repository
class ForecastRepository {

    private final JdbcClient jdbc;

    ForecastRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the hours of one issue; an hour already stored for the same issue is left as it was. */
    int save(String site, Instant issuedAt, List<PvForecast.Hour> hours) {
        int stored = 0;
        for (PvForecast.Hour h : hours) {
            stored += jdbc.sql("""
                    INSERT INTO forecast.pv_hours (site, issued_at, hour_end, irradiance, cloud_cover, temperature,
                                                   expected_pv_w)
                    VALUES (:site, :issued, :end, :irradiance, :cloud, :temperature, :pv)
                    ON CONFLICT DO NOTHING""")
                    .param("site", site).param("issued", Timestamp.from(issuedAt))
                    .param("end", Timestamp.from(h.endsAt())).param("irradiance", h.irradiance())
                    .param("cloud", h.cloudCover()).param("temperature", h.temperature())
                    .param("pv", h.expectedPvW()).update();
        }
        return stored;
    }

    /** The latest issue's hours that end after {@code from} and at or before {@code to}, and when it was issued. */
    Optional<PvForecast> latest(String site, Instant from, Instant to) {
        Optional<Instant> issued = jdbc.sql("SELECT max(issued_at) FROM forecast.pv_hours WHERE site = :site")
                .param("site", site).query(Timestamp.class).optional().map(Timestamp::toInstant);
        return issued.map(at -> new PvForecast(site, at, "stored", hours(site, at, from, to)));
    }

    private List<PvForecast.Hour> hours(String site, Instant issuedAt, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT hour_end, irradiance, cloud_cover, temperature, expected_pv_w FROM forecast.pv_hours
                WHERE site = :site AND issued_at = :issued AND hour_end > :from AND hour_end <= :to
                ORDER BY hour_end""")
                .param("site", site).param("issued", Timestamp.from(issuedAt))
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new PvForecast.Hour(rs.getTimestamp("hour_end").toInstant(),
                        rs.getDouble("irradiance"), rs.getDouble("cloud_cover"), rs.getDouble("temperature"),
                        rs.getDouble("expected_pv_w")))
                .list();
    }

    /** Every issue made in {@code [from, to)}, oldest first, each with all its hours (any site: one site per install). */
    List<PvForecast> issuedBetween(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT DISTINCT site, issued_at FROM forecast.pv_hours WHERE issued_at >= :from AND issued_at < :to
                ORDER BY issued_at""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new Object[] {rs.getString("site"), rs.getTimestamp("issued_at").toInstant()}).list()
                .stream().map(row -> new PvForecast((String) row[0], (Instant) row[1], "stored",
                        hours((String) row[0], (Instant) row[1], Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"))))
                .toList();
    }

    /** Forgets issues older than {@code before}. */
    int deleteIssuedBefore(Instant before) {
        return jdbc.sql("DELETE FROM forecast.pv_hours WHERE issued_at < :before")
                .param("before", Timestamp.from(before)).update();
    }
}
