package io.commandcenter.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * API tokens for scripts and integrations ({@code Authorization: Bearer cc_...}). Only a SHA-256 digest is
 * stored, so a database leak does not leak usable tokens. A token belongs to the user who made it (for a token
 * made with a token: that token's owner) and, on every request, carries at most that user's current role; it
 * stops working when revoked, when it expires ({@code commandcenter.security.token-lifetime}, default 90 days),
 * while its owner is disabled, and for good once its owner is removed.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "cc_";

    /** A freshly created token: {@code token} is the only time the secret is visible. */
    public record CreatedToken(ApiToken details, String token) {
    }

    /** A token presented on a request, with the role it may use now: the lower of its own and its owner's. */
    record Authenticated(ApiToken token, Role effectiveRole) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, Clock clock, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = properties.tokenLifetime();
    }

    public CreatedToken create(String name, Role role) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new AccountRejected("bad-token-name", "A token needs a name of 1 to 100 characters");
        }
        if (role == null) {
            throw new AccountRejected("unknown-role", "A role is required: viewer, operator or admin");
        }
        String owner = owner();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id = jdbc.sql("""
                INSERT INTO security.api_tokens (name, role, token_hash, created_by, owner, expires_at)
                VALUES (:name, :role, :hash, :by, :owner, :expires) RETURNING id
                """).param("name", name.trim()).param("role", role.name()).param("hash", sha256(token))
                .param("by", SignedInUser.name()).param("owner", owner)
                .param("expires", Timestamp.from(clock.instant().plus(lifetime))).query(Long.class).single();
        return new CreatedToken(find(id).orElseThrow(), token);
    }

    public List<ApiToken> findAll() {
        return jdbc.sql(SELECT + " ORDER BY id").param("now", now()).query(ApiTokens::map).list();
    }

    public Optional<ApiToken> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).param("now", now())
                .query(ApiTokens::map).optional();
    }

    public ApiToken revoke(long id) {
        int changed = jdbc.sql("""
                UPDATE security.api_tokens SET revoked_at = now(), revoked_by = :by
                WHERE id = :id AND revoked_at IS NULL
                """).param("id", id).param("by", SignedInUser.name()).update();
        ApiToken token = find(id).orElseThrow(() ->
                new UnknownAccount("unknown-token", "No API token with id " + id).with("id", id));
        if (changed == 0) {
            throw new AccountConflict("token-revoked", "API token " + id + " was already revoked")
                    .with("id", id);
        }
        return token;
    }

    /**
     * The active token matching a presented secret, marking it used; empty for unknown, revoked or expired
     * tokens and for tokens whose owner is disabled or gone.
     */
    Optional<Authenticated> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Timestamp now = now();
        return jdbc.sql("""
                UPDATE security.api_tokens t SET last_used_at = :now
                FROM security.users u
                WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > :now
                  AND u.username = t.owner AND u.enabled
                RETURNING t.id, t.name, t.role, t.owner, t.created_at, t.created_by, t.expires_at, t.last_used_at,
                          t.revoked_at, t.revoked_by, 'active' AS state, u.role AS owner_role
                """).param("hash", sha256(presented)).param("now", now)
                .query((rs, row) -> {
                    ApiToken token = map(rs, row);
                    Role ownerRole = Role.valueOf(rs.getString("owner_role"));
                    return new Authenticated(token,
                            token.role().compareTo(ownerRole) <= 0 ? token.role() : ownerRole);
                }).optional();
    }

    /** Who a new token belongs to: the signed-in user, or the owner of the token the request signed in with. */
    private static String owner() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        String owner = auth instanceof ApiTokenAuthentication token ? token.owner() : SignedInUser.name();
        if (owner == null || SignedInUser.SYSTEM.equals(owner)) {
            throw new TokenNeedsOwner();
        }
        return owner;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static final String SELECT = """
            SELECT id, name, role, owner, created_at, created_by, expires_at, last_used_at, revoked_at, revoked_by,
                   CASE WHEN revoked_at IS NOT NULL THEN 'revoked'
                        WHEN owner IS NULL THEN 'orphaned'
                        WHEN expires_at <= :now THEN 'expired'
                        ELSE 'active' END AS state
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
                rs.getString("owner"), instant(rs.getTimestamp("created_at")), rs.getString("created_by"),
                instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")), rs.getString("revoked_by"), rs.getString("state"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
