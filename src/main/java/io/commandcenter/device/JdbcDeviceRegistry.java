package io.commandcenter.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcDeviceRegistry implements DeviceRegistry, DevicePresence {

    private static final String SELECT = """
            SELECT name, cloud_id, channel, type, rated_power, online, last_seen, essential
            FROM shelly.devices
            """;

    private final JdbcClient jdbc;

    JdbcDeviceRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Device> findAll() {
        return jdbc.sql(SELECT + " ORDER BY name").query(this::map).list();
    }

    @Override
    public Optional<Device> findByName(String name) {
        return jdbc.sql(SELECT + " WHERE name = :name").param("name", name).query(this::map).optional();
    }

    @Override
    public Optional<Device> findByCloudId(String cloudId, int channel) {
        return jdbc.sql(SELECT + " WHERE cloud_id = :id AND channel = :channel")
                .param("id", cloudId).param("channel", channel).query(this::map).optional();
    }

    @Override
    public void recordPresence(Map<String, Boolean> onlineByName, Instant at) {
        Timestamp seen = Timestamp.from(at);
        onlineByName.forEach((name, online) -> jdbc.sql("""
                UPDATE shelly.devices
                SET online = :online, last_seen = CASE WHEN :online THEN :at ELSE last_seen END
                WHERE name = :name
                """).param("online", online).param("at", seen).param("name", name).update());
    }

    void insert(Device device) {
        jdbc.sql("""
                INSERT INTO shelly.devices (name, cloud_id, channel, type, rated_power, online, last_seen, essential)
                VALUES (:name, :cloudId, :channel, :type, :ratedPower, :online, :lastSeen, :essential)
                """)
                .param("name", device.name()).param("cloudId", device.cloudId()).param("channel", device.channel())
                .param("type", device.type().name()).param("ratedPower", device.ratedPower())
                .param("online", device.online()).param("essential", device.essential())
                .param("lastSeen", device.lastSeen() == null ? null : Timestamp.from(device.lastSeen()))
                .update();
    }

    /** Renames, retypes, re-rates or marks essential; returns false when no device has {@code name}. */
    boolean update(String name, String newName, DeviceType type, double ratedPower, boolean essential) {
        return jdbc.sql("""
                UPDATE shelly.devices SET name = :newName, type = :type, rated_power = :ratedPower,
                    essential = :essential
                WHERE name = :name
                """)
                .param("name", name).param("newName", newName).param("type", type.name())
                .param("ratedPower", ratedPower).param("essential", essential)
                .update() == 1;
    }

    boolean delete(String name) {
        return jdbc.sql("DELETE FROM shelly.devices WHERE name = :name").param("name", name).update() == 1;
    }

    private Device map(ResultSet rs, int row) throws SQLException {
        var lastSeen = rs.getTimestamp("last_seen");
        return new Device(rs.getString("name"), rs.getString("cloud_id"), rs.getInt("channel"),
                DeviceType.valueOf(rs.getString("type")), rs.getDouble("rated_power"),
                rs.getBoolean("online"), lastSeen == null ? null : lastSeen.toInstant(), rs.getBoolean("essential"));
    }
}
