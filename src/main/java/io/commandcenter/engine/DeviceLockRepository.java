package io.commandcenter.engine;

import java.util.List;

import io.commandcenter.engine.facts.DeviceLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeviceLockRepository {

    private final JdbcClient jdbc;

    DeviceLockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<DeviceLock> findAll() {
        return jdbc.sql("SELECT device, locked_by, reason FROM engine.device_locks ORDER BY device")
                .query((rs, i) -> new DeviceLock(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    void lock(DeviceLock lock) {
        jdbc.sql("""
                INSERT INTO engine.device_locks (device, locked_by, reason) VALUES (:device, :by, :reason)
                ON CONFLICT (device) DO UPDATE SET locked_by = EXCLUDED.locked_by, reason = EXCLUDED.reason, locked_at = now()
                """).param("device", lock.device()).param("by", lock.by()).param("reason", lock.reason()).update();
    }

    void unlock(String device) {
        jdbc.sql("DELETE FROM engine.device_locks WHERE device = :device").param("device", device).update();
    }
}
