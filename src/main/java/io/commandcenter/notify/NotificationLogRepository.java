package io.commandcenter.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class NotificationLogRepository {

    private final JdbcClient jdbc;

    NotificationLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(Instant at, Delivery d) {
        jdbc.sql("""
                        INSERT INTO notify.log (at, channel, recipient, template, status, provider_id, detail)
                        VALUES (:at, :channel, :recipient, :template, :status, :provider, :detail)
                        """)
                .param("at", Timestamp.from(at)).param("channel", d.channel())
                .param("recipient", d.recipient() == null ? "" : d.recipient()).param("template", d.template())
                .param("status", d.status()).param("provider", d.providerId()).param("detail", d.detail())
                .update();
    }

    /** The newest delivery on a channel that was attempted (SENT or FAILED), if any. */
    java.util.Optional<Delivery> lastAttempt(String channel) {
        return jdbc.sql("""
                        SELECT channel, recipient, template, status, provider_id, detail FROM notify.log
                        WHERE channel = :channel AND status IN ('SENT', 'FAILED') ORDER BY id DESC LIMIT 1
                        """)
                .param("channel", channel)
                .query((rs, n) -> new Delivery(rs.getString("channel"), rs.getString("recipient"),
                        rs.getString("template"), rs.getString("status"), rs.getString("provider_id"),
                        rs.getString("detail")))
                .optional();
    }

    List<Delivery> recent(int limit) {
        return jdbc.sql("""
                        SELECT channel, recipient, template, status, provider_id, detail
                        FROM notify.log ORDER BY id DESC LIMIT :limit
                        """)
                .param("limit", limit)
                .query((rs, n) -> new Delivery(rs.getString("channel"), rs.getString("recipient"),
                        rs.getString("template"), rs.getString("status"), rs.getString("provider_id"),
                        rs.getString("detail")))
                .list();
    }
}
