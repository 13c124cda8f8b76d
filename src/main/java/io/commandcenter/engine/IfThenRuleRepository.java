package io.commandcenter.engine;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** {@code engine.if_then_rules}: each rule's name, whether it is on, and its definition as JSON. */
@Repository
class IfThenRuleRepository {

    /** What is stored as JSON: everything but the name and the switch. */
    record Definition(List<IfThenRule.Condition> conditions, int sustainedMinutes, int cooldownMinutes,
                      List<IfThenRule.Action> actions) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    IfThenRuleRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<IfThenRule> findAll() {
        return jdbc.sql("SELECT name, enabled, definition::text AS definition FROM engine.if_then_rules ORDER BY name")
                .query((rs, n) -> rule(rs.getString("name"), rs.getBoolean("enabled"), rs.getString("definition")))
                .list();
    }

    Optional<IfThenRule> find(String name) {
        return findAll().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    void save(IfThenRule rule, String by) {
        Definition d = new Definition(rule.conditions(), rule.sustainedMinutes(), rule.cooldownMinutes(), rule.actions());
        jdbc.sql("""
                INSERT INTO engine.if_then_rules (name, enabled, definition, updated_at, updated_by)
                VALUES (:name, :enabled, CAST(:definition AS jsonb), now(), :by)
                ON CONFLICT (name) DO UPDATE SET enabled = EXCLUDED.enabled, definition = EXCLUDED.definition,
                    updated_at = now(), updated_by = EXCLUDED.updated_by""")
                .param("name", rule.name()).param("enabled", rule.enabled())
                .param("definition", json.writeValueAsString(d)).param("by", by).update();
    }

    /** The stored rules become exactly {@code rules} (a rollback to a version that recorded its own). */
    void replaceAll(List<IfThenRule> rules, String by) {
        jdbc.sql("DELETE FROM engine.if_then_rules").update();
        rules.forEach(r -> save(r, by));
    }

    boolean delete(String name) {
        return jdbc.sql("DELETE FROM engine.if_then_rules WHERE name = :name").param("name", name).update() > 0;
    }

    private IfThenRule rule(String name, boolean enabled, String definition) {
        Definition d = json.readValue(definition, Definition.class);
        return new IfThenRule(name, enabled, d.conditions(), d.sustainedMinutes(), d.cooldownMinutes(), d.actions());
    }
}
