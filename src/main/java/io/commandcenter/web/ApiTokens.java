package io.commandcenter.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * API tokens for scripts and integrations ({@code Authorization: Bearer cc_...}). Only a SHA-256 digest is
 * stored, so a database leak does not leak usable tokens; a revoked token stops working at once.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "cc_";

    /** A freshly created token: {@code token} is the only time the secret is visible. */
    public record CreatedToken(ApiToken details, String token) {
    }

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public CreatedToken create(String name, Role role) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ProblemException.badRequest("bad-token-name", "A token needs a name of 1 to 100 characters");
        }
        if (role == null) {
            throw ProblemException.badRequest("unknown-role", "A role is required: viewer, operator or admin");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id = jdbc.sql("""
                INSERT INTO security.api_tokens (name, role, token_hash, created_by)
                VALUES (:name, :role, :hash, :by) RETURNING id
                """).param("name", name.trim()).param("role", role.name()).param("hash", sha256(token))
                .param("by", SignedInUser.name()).query(Long.class).single();
        return new CreatedToken(find(id).orElseThrow(), token);
    }

    public List<ApiToken> findAll() {
        return jdbc.sql(SELECT + " ORDER BY id").query(ApiTokens::map).list();
    }

    public Optional<ApiToken> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(ApiTokens::map).optional();
    }

    public ApiToken revoke(long id) {
        int changed = jdbc.sql("""
                UPDATE security.api_tokens SET revoked_at = now(), revoked_by = :by
                WHERE id = :id AND revoked_at IS NULL
                """).param("id", id).param("by", SignedInUser.name()).update();
        ApiToken token = find(id).orElseThrow(() ->
                ProblemException.notFound("unknown-token", "No API token with id " + id).with("id", id));
        if (changed == 0) {
            throw new ProblemException(HttpStatus.CONFLICT, "token-revoked", "API token " + id + " was already revoked")
                    .with("id", id);
        }
        return token;
    }

    /** The active token matching a presented secret, marking it used; empty for unknown or revoked ones. */
    Optional<ApiToken> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                UPDATE security.api_tokens SET last_used_at = now()
                WHERE token_hash = :hash AND revoked_at IS NULL
                RETURNING id, name, role, created_at, created_by, last_used_at, revoked_at, revoked_by
                """).param("hash", sha256(presented)).query(ApiTokens::map).optional();
    }

    private static final String SELECT = """
            SELECT id, name, role, created_at, created_by, last_used_at, revoked_at, revoked_by
            FROM security.api_tokens
            """;

    static String sha256(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
                instant(rs.getTimestamp("created_at")), rs.getString("created_by"),
                instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at")),
                rs.getString("revoked_by"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
