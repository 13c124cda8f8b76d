package io.commandcenter.agent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

class ConversationRepository {

    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(Conversation c) {
        jdbc.sql("""
                INSERT INTO agent.conversations (id, asked_at, agent, question, answer, tools_called, citations,
                    offline, duration_ms, input_tokens, output_tokens, suggested_action)
                VALUES (:id, :at, :agent, :q, :a, :tools, :cites, :offline, :ms, :in, :out, :suggested)
                """)
                .param("id", c.id()).param("at", Timestamp.from(c.askedAt())).param("agent", c.agent())
                .param("q", c.question()).param("a", c.answer())
                .param("tools", c.toolsCalled().toArray(String[]::new))
                .param("cites", c.citations().toArray(String[]::new))
                .param("offline", c.offline()).param("ms", c.durationMs())
                .param("in", c.inputTokens()).param("out", c.outputTokens()).param("suggested", c.suggestedAction())
                .update();
    }

    List<Conversation> latest(int limit) {
        return jdbc.sql("SELECT * FROM agent.conversations ORDER BY asked_at DESC LIMIT :n")
                .param("n", limit).query(ConversationRepository::map).list();
    }

    Optional<Conversation> find(UUID id) {
        return jdbc.sql("SELECT * FROM agent.conversations WHERE id = :id").param("id", id)
                .query(ConversationRepository::map).optional();
    }

    private static Conversation map(ResultSet rs, int n) throws SQLException {
        return new Conversation(rs.getObject("id", UUID.class), rs.getTimestamp("asked_at").toInstant(),
                rs.getString("question"), rs.getString("agent"), rs.getString("answer"),
                Arrays.asList((String[]) rs.getArray("tools_called").getArray()),
                Arrays.asList((String[]) rs.getArray("citations").getArray()),
                rs.getBoolean("offline"), rs.getLong("duration_ms"),
                (Integer) rs.getObject("input_tokens"), (Integer) rs.getObject("output_tokens"),
                rs.getString("suggested_action"));
    }
}
