package io.commandcenter.engine;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.commandcenter.engine.EngineSession.Memory;
import io.commandcenter.engine.EngineSession.MemoryChange;
import io.commandcenter.engine.facts.BatteryAlarm;
import io.commandcenter.engine.facts.BelowPauseThreshold;
import io.commandcenter.engine.facts.LastCommand;
import io.commandcenter.engine.facts.LastProposal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The engine's memory per site ({@link Memory}), so a restart forgets no hold, cooldown or alarm. */
@Repository
class SessionMemoryRepository {

    private final JdbcClient jdbc;

    SessionMemoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Memory load(String site) {
        List<LastCommand> commands = jdbc.sql("""
                SELECT device, switch_on, source, requested_by, commanded_at, hold_until, carried_out
                FROM engine.last_commands WHERE site = :site ORDER BY device
                """).param("site", site).query((rs, i) -> new LastCommand(rs.getString("device"),
                        rs.getBoolean("switch_on"), Source.valueOf(rs.getString("source")), rs.getString("requested_by"),
                        millis(rs.getTimestamp("commanded_at")), millis(rs.getTimestamp("hold_until")),
                        rs.getBoolean("carried_out"))).list();
        List<LastProposal> proposals = jdbc.sql("""
                SELECT device, switch_on, proposed_at FROM engine.last_proposals WHERE site = :site ORDER BY device
                """).param("site", site).query((rs, i) -> new LastProposal(rs.getString("device"),
                        rs.getBoolean("switch_on"), millis(rs.getTimestamp("proposed_at")))).list();
        record Battery(BelowPauseThreshold below, BatteryAlarm alarm) {
        }
        Battery battery = jdbc.sql("SELECT * FROM engine.battery_memory WHERE site = :site").param("site", site)
                .query((rs, i) -> new Battery(
                        rs.getTimestamp("below_pause_since") == null ? null : new BelowPauseThreshold(
                                millis(rs.getTimestamp("below_pause_since")), rs.getDouble("below_pause_soc")),
                        rs.getString("alarm_level") == null ? null : new BatteryAlarm(
                                BatteryAlarm.Level.valueOf(rs.getString("alarm_level")), rs.getDouble("alarm_soc"),
                                millis(rs.getTimestamp("alarm_since")))))
                .optional().orElse(new Battery(null, null));
        return new Memory(commands, proposals, battery.below(), battery.alarm());
    }

    /** Writes one change: its devices' entries replaced or deleted, and the battery's row when it changed. */
    @Transactional
    void save(String site, MemoryChange change) {
        for (LastCommand c : change.lastCommands()) {
            jdbc.sql("""
                    INSERT INTO engine.last_commands (site, device, switch_on, source, requested_by, commanded_at,
                        hold_until, carried_out)
                    VALUES (:site, :device, :on, :source, :by, :at, :hold, :carriedOut)
                    ON CONFLICT (site, device) DO UPDATE SET switch_on = EXCLUDED.switch_on, source = EXCLUDED.source,
                        requested_by = EXCLUDED.requested_by, commanded_at = EXCLUDED.commanded_at,
                        hold_until = EXCLUDED.hold_until, carried_out = EXCLUDED.carried_out
                    """).param("site", site).param("device", c.device()).param("on", c.on())
                    .param("source", c.source().name()).param("by", c.requestedBy().replace("\u0000", ""))
                    .param("at", timestamp(c.at())).param("hold", c.holdUntil() > 0 ? timestamp(c.holdUntil()) : null)
                    .param("carriedOut", c.carriedOut()).update();
        }
        for (String device : change.commandsForgotten()) {
            jdbc.sql("DELETE FROM engine.last_commands WHERE site = :site AND device = :device")
                    .param("site", site).param("device", device).update();
        }
        for (LastProposal p : change.lastProposals()) {
            jdbc.sql("""
                    INSERT INTO engine.last_proposals (site, device, switch_on, proposed_at)
                    VALUES (:site, :device, :on, :at)
                    ON CONFLICT (site, device) DO UPDATE SET switch_on = EXCLUDED.switch_on,
                        proposed_at = EXCLUDED.proposed_at
                    """).param("site", site).param("device", p.device()).param("on", p.on())
                    .param("at", timestamp(p.at())).update();
        }
        for (String device : change.proposalsForgotten()) {
            jdbc.sql("DELETE FROM engine.last_proposals WHERE site = :site AND device = :device")
                    .param("site", site).param("device", device).update();
        }
        if (change.batteryChanged()) {
            BelowPauseThreshold below = change.belowPauseThreshold();
            BatteryAlarm alarm = change.batteryAlarm();
            jdbc.sql("""
                    INSERT INTO engine.battery_memory (site, below_pause_since, below_pause_soc, alarm_level,
                        alarm_soc, alarm_since)
                    VALUES (:site, :belowSince, :belowSoc, :level, :alarmSoc, :alarmSince)
                    ON CONFLICT (site) DO UPDATE SET below_pause_since = EXCLUDED.below_pause_since,
                        below_pause_soc = EXCLUDED.below_pause_soc, alarm_level = EXCLUDED.alarm_level,
                        alarm_soc = EXCLUDED.alarm_soc, alarm_since = EXCLUDED.alarm_since
                    """).param("site", site)
                    .param("belowSince", below == null ? null : timestamp(below.since()))
                    .param("belowSoc", below == null ? null : below.soc())
                    .param("level", alarm == null ? null : alarm.level().name())
                    .param("alarmSoc", alarm == null ? null : alarm.soc())
                    .param("alarmSince", alarm == null ? null : timestamp(alarm.since())).update();
        }
    }

    // Facts keep epoch milliseconds; timestamptz keeps microseconds, so they come back exactly.
    private static Timestamp timestamp(long epochMillis) {
        return Timestamp.from(Instant.ofEpochMilli(epochMillis));
    }

    private static long millis(Timestamp t) {
        return t == null ? 0 : t.toInstant().toEpochMilli();
    }
}
