package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.commandcenter.CommandCenterApplication;
import io.commandcenter.TestUsers;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.facts.BatteryAlarm;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingsStored;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.env.Environment;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real restart (a power cut and the platform starting again): one application is closed and a new one
 * starts on the same database. A person's hold still blocks automation, automation's cooldown still runs
 * and the owner does not get the low-battery alarm a second time. The applications run on a site of their
 * own, so nothing another test left in the database is remembered here.
 */
class MemoryAcrossRestartIntegrationTests {

    private static final String SITE = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String HELD = "it-held-heater";
    private static final String COOLING = "it-cooling-pump";

    // Where Docker answers, one container outlives both applications; otherwise the local test database.
    private static final PostgreSQLContainer DATABASE = dockerAvailable() ? new PostgreSQLContainer("postgres:16-alpine") : null;

    private final BlockingQueue<BatteryAlarmChanged> alarms = new LinkedBlockingQueue<>();

    @Test
    void aHoldACooldownAndTheLowBatteryAlarmSurviveARestart() throws Exception {
        Environment database = null;
        try (ConfigurableApplicationContext before = start()) {
            database = before.getEnvironment();
            RulesEngine engine = before.getBean(RulesEngine.class);
            resetPreferences(before);
            readings(before, 60, true, true);
            Decision hold = engine.evaluate(ActionRequest.of(HELD, true, Source.MANUAL, "alice", "cold evening", Instant.now()));
            assertThat(hold.outcome()).isEqualTo(Outcome.ALLOWED);
            assertThat(hold.holdUntil()).isAfter(Instant.now());
            Decision pause = engine.evaluate(ActionRequest.of(COOLING, false, Source.AUTOMATION, "test", "", Instant.now()));
            assertThat(pause.outcome()).isEqualTo(Outcome.ALLOWED);

            readings(before, 25, true, false); // below the minimum; the pump's off was carried out
            BatteryAlarmChanged alarm = alarms.poll(20, TimeUnit.SECONDS);
            assertThat(alarm).as("the owner is told once").isNotNull();
            assertThat(alarm.to()).isEqualTo(BatteryAlarm.Level.MINIMUM);
        } // closed: what the engine remembered is written before the application ends
        alarms.clear();

        try (ConfigurableApplicationContext after = start()) {
            RulesEngine engine = after.getBean(RulesEngine.class);
            readings(after, 26, true, false); // still below the minimum

            Decision automated = engine.evaluate(ActionRequest.of(HELD, false, Source.AUTOMATION, "test", "", Instant.now()));
            assertThat(automated.outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(automated.reasons()).contains("device held by a MANUAL command");
            assertThat(automated.holdUntil()).isAfter(Instant.now());

            List<Map<String, Object>> cooldowns = after.getBean(EngineService.class).query("active cooldowns");
            assertThat(cooldowns.toString()).contains(COOLING);

            // The reading above went through the rules before the request (one engine thread): no second alarm.
            assertThat(alarms).as("no second low-battery alarm").isEmpty();
        } finally {
            forgetTheTestSite(database);
        }
    }

    @AfterAll
    static void stopTheDatabase() {
        if (DATABASE != null) {
            DATABASE.stop();
        }
    }

    /** The test's site leaves nothing behind in a shared database (after the applications are closed). */
    private static void forgetTheTestSite(Environment database) throws SQLException {
        if (database == null || DATABASE != null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(database.getProperty("spring.datasource.url"),
                database.getProperty("spring.datasource.username"), database.getProperty("spring.datasource.password"))) {
            for (String table : List.of("engine.last_commands", "engine.last_proposals", "engine.battery_memory",
                    "engine.decisions")) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE site = ?")) {
                    delete.setString(1, SITE);
                    delete.executeUpdate();
                }
            }
        }
    }

    private ConfigurableApplicationContext start() {
        ApplicationListener<ApplicationEvent> listener = event -> {
            if (event instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof BatteryAlarmChanged a
                    && a.site().equals(SITE)) {
                alarms.add(a);
            }
        };
        // Arguments, so they win over the test profile's properties (which switch remembering off).
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--commandcenter.engine.site=" + SITE,
                "--commandcenter.engine.remember=true"));
        if (DATABASE != null) {
            if (!DATABASE.isRunning()) {
                DATABASE.start();
            }
            arguments.add("--spring.datasource.url=" + DATABASE.getJdbcUrl());
            arguments.add("--spring.datasource.username=" + DATABASE.getUsername());
            arguments.add("--spring.datasource.password=" + DATABASE.getPassword());
        }
        return new SpringApplicationBuilder(CommandCenterApplication.class).profiles("test").listeners(listener)
                .run(arguments.toArray(String[]::new));
    }

    private static void readings(ConfigurableApplicationContext context, double soc, boolean heaterOn, boolean pumpOn) {
        Instant now = Instant.now();
        List<DevicePowerReading> devices = new ArrayList<>();
        devices.add(new DevicePowerReading(HELD, now, true, heaterOn, heaterOn ? 1500.0 : 0.0, 230.0, 6.5, 1.0));
        devices.add(new DevicePowerReading(COOLING, now, true, pumpOn, pumpOn ? 800.0 : 0.0, 230.0, 3.5, 1.0));
        context.publishEvent(new ReadingsStored(List.of(new BatteryReading(SITE, now, soc, 52, -10, null)), List.of(),
                devices));
    }

    /** Other tests share the stored preferences: the defaults (hold 60 min, cooldown 10 min, minimum 30 %). */
    private static void resetPreferences(ConfigurableApplicationContext context) {
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        TestUsers.admin(port).build().post().uri("/preferences/reset").retrieve().toBodilessEntity();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
