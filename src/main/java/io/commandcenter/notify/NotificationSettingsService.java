package io.commandcenter.notify;

import java.sql.Time;
import java.time.Clock;
import java.time.LocalTime;

import io.commandcenter.engine.ConfirmationSetting;
import io.commandcenter.engine.RulesEngine;
import io.commandcenter.engine.facts.ConfirmationMode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The owner's notification settings: stored in PostgreSQL, configuration defaults until saved. The
 * confirmation mode among them is the rules' business: the engine reads it at start and is told of changes.
 */
@Service
public class NotificationSettingsService implements ConfirmationSetting {

    private final JdbcClient jdbc;
    private final NotifyProperties defaults;
    private final Clock clock;
    private final ObjectProvider<RulesEngine> engine;

    NotificationSettingsService(JdbcClient jdbc, NotifyProperties defaults, Clock clock,
                                ObjectProvider<RulesEngine> engine) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.defaults = defaults;
        this.clock = clock;
    }

    public NotificationSettings current() {
        return jdbc.sql("""
                        SELECT email, phone, critical_only, quiet_start, quiet_end, confirmation_mode
                        FROM notify.settings WHERE id = 1
                        """)
                .query((rs, n) -> new NotificationSettings(rs.getString("email"), rs.getString("phone"),
                        rs.getBoolean("critical_only"), localTime(rs.getTime("quiet_start")),
                        localTime(rs.getTime("quiet_end")), ConfirmationMode.valueOf(rs.getString("confirmation_mode"))))
                .optional()
                .orElseGet(() -> new NotificationSettings(defaults.email(), defaults.phone(), defaults.criticalOnly(),
                        defaults.quietStart(), defaults.quietEnd(), defaults.confirmationMode()));
    }

    public NotificationSettings save(NotificationSettings s, String by) {
        jdbc.sql("""
                        INSERT INTO notify.settings (id, email, phone, critical_only, quiet_start, quiet_end,
                                                     confirmation_mode, updated_by, updated_at)
                        VALUES (1, :email, :phone, :critical, :qs, :qe, :mode, :by, :at)
                        ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, phone = EXCLUDED.phone,
                            critical_only = EXCLUDED.critical_only, quiet_start = EXCLUDED.quiet_start,
                            quiet_end = EXCLUDED.quiet_end, confirmation_mode = EXCLUDED.confirmation_mode,
                            updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                        """)
                .param("email", s.email()).param("phone", s.phone()).param("critical", s.criticalOnly())
                .param("qs", s.quietStart() == null ? null : Time.valueOf(s.quietStart()))
                .param("qe", s.quietEnd() == null ? null : Time.valueOf(s.quietEnd()))
                .param("mode", s.confirmationMode().name()).param("by", by == null ? "" : by)
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .update();
        NotificationSettings saved = current();
        engine.ifAvailable(e -> e.useConfirmationMode(saved.confirmationMode()));
        return saved;
    }

    @Override
    public ConfirmationMode confirmationMode() {
        return current().confirmationMode();
    }

    private static LocalTime localTime(Time t) {
        return t == null ? null : t.toLocalTime();
    }
}
