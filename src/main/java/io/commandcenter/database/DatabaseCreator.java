package io.commandcenter.database;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Creates the configured PostgreSQL database on first start when it does not exist yet,
 * so a fresh machine with only a PostgreSQL server needs no manual SQL.
 * Runs before the DataSource exists; when the server is unreachable it stays silent and
 * lets the normal startup report the real error.
 */
public class DatabaseCreator implements EnvironmentPostProcessor {

    private static final Log log = LogFactory.getLog(DatabaseCreator.class);
    private static final String UNDEFINED_DATABASE = "3D000";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || !url.startsWith("jdbc:postgresql:")
                || !environment.getProperty("commandcenter.database.create-if-missing", Boolean.class, true)) {
            return;
        }
        Properties credentials = new Properties();
        String user = environment.getProperty("spring.datasource.username");
        String password = environment.getProperty("spring.datasource.password");
        if (user != null) credentials.setProperty("user", user);
        if (password != null) credentials.setProperty("password", password);
        createIfMissing(url, credentials);
    }

    /** Visible for the benchmark and tests, which use their own databases. */
    public static void createIfMissing(String url, Properties credentials) {
        try (Connection ignored = DriverManager.getConnection(url, credentials)) {
            return;
        } catch (SQLException e) {
            if (!UNDEFINED_DATABASE.equals(e.getSQLState())) {
                return;
            }
        }
        String name = databaseName(url);
        String maintenanceUrl = url.replaceFirst("/" + name + "(\\?|$)", "/postgres$1");
        try (Connection c = DriverManager.getConnection(maintenanceUrl, credentials);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
            log.info("Created database " + name);
        } catch (SQLException e) {
            log.warn("Could not create database " + name + ": " + e.getMessage());
        }
    }

    static String databaseName(String jdbcUrl) {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        return path.substring(1);
    }
}
