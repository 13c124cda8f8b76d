package io.commandcenter.device;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcDeviceRegistry implements DeviceRegistry {

    private static final String SELECT = """
            SELECT name, cloud_id, channel, type, rated_power, online, last_seen
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

    private Device map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        var lastSeen = rs.getTimestamp("last_seen");
        return new Device(rs.getString("name"), rs.getString("cloud_id"), rs.getInt("channel"),
                DeviceType.valueOf(rs.getString("type")), rs.getDouble("rated_power"),
                rs.getBoolean("online"), lastSeen == null ? null : lastSeen.toInstant());
    }
}
