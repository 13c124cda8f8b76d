package io.commandcenter.control;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class EmergencyStopRepository {

    private final JdbcClient jdbc;

    EmergencyStopRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<EmergencyStopState> latest() {
        return jdbc.sql("""
                        SELECT engaged, who, why, at FROM control.emergency_stop ORDER BY id DESC LIMIT 1
                        """)
                .query((rs, n) -> new EmergencyStopState(rs.getBoolean("engaged"), rs.getString("who"),
                        rs.getString("why"), rs.getTimestamp("at").toInstant()))
                .optional();
    }

    /** Every engage and release, newest first. */
    java.util.List<EmergencyStopState> history(int limit) {
        return jdbc.sql("SELECT engaged, who, why, at FROM control.emergency_stop ORDER BY id DESC LIMIT :limit")
                .param("limit", limit)
                .query((rs, n) -> new EmergencyStopState(rs.getBoolean("engaged"), rs.getString("who"),
                        rs.getString("why"), rs.getTimestamp("at").toInstant()))
                .list();
    }

    void append(boolean engaged, String who, String why, Instant at) {
        jdbc.sql("""
                        INSERT INTO control.emergency_stop (at, engaged, who, why) VALUES (:at, :engaged, :who, :why)
                        """)
                .param("at", Timestamp.from(at)).param("engaged", engaged).param("who", who).param("why", why)
                .update();
    }
}
