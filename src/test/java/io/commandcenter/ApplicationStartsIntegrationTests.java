package io.commandcenter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ApplicationStartsIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void migratesTheDatabaseOnStart() {
        var schemas = jdbc.sql("select schema_name from information_schema.schemata").query(String.class).list();
        assertThat(schemas).contains("victron", "shelly", "solark", "system");
    }
}
