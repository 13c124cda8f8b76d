package io.commandcenter.ingest.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import io.commandcenter.ingest.CloudAccount;
import io.commandcenter.ingest.PollSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code system.cloud_accounts}: one saved account per cloud, its secret sealed by {@link SecretBox}. */
@Repository
public class AccountRepository {

    private final JdbcClient jdbc;
    private final SecretBox secrets;

    AccountRepository(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** A saved account with its secret still sealed; {@link #open} reads the secret when it is needed. */
    public record Saved(CloudAccount account, byte[] sealedSecret, Instant savedAt, String savedBy) {
    }

    public Optional<Saved> find(PollSource source) {
        return jdbc.sql("""
                SELECT server, username, site_id, battery_instance, api, secret, saved_at, saved_by
                FROM system.cloud_accounts WHERE source = :source
                """).param("source", source.key())
                .query((rs, n) -> new Saved(new CloudAccount(source, rs.getString("server"), rs.getString("username"),
                        null, (Long) rs.getObject("site_id", Long.class), (Integer) rs.getObject("battery_instance", Integer.class),
                        rs.getString("api")), rs.getBytes("secret"), rs.getTimestamp("saved_at").toInstant(),
                        rs.getString("saved_by")))
                .optional();
    }

    /** The saved account with its secret opened; throws when the key cannot open it. */
    public CloudAccount open(Saved saved) {
        return saved.account().withSecret(secrets.open(saved.account().source().key(), saved.sealedSecret()));
    }

    public void save(CloudAccount account, Instant at, String by) {
        jdbc.sql("""
                INSERT INTO system.cloud_accounts (source, server, username, site_id, battery_instance, api, secret, saved_at, saved_by)
                VALUES (:source, :server, :username, :siteId, :batteryInstance, :api, :secret, :at, :by)
                ON CONFLICT (source) DO UPDATE SET server = EXCLUDED.server, username = EXCLUDED.username,
                    site_id = EXCLUDED.site_id, battery_instance = EXCLUDED.battery_instance, api = EXCLUDED.api,
                    secret = EXCLUDED.secret, saved_at = EXCLUDED.saved_at, saved_by = EXCLUDED.saved_by
                """)
                .param("source", account.source().key()).param("server", account.server())
                .param("username", account.username()).param("siteId", account.siteId())
                .param("batteryInstance", account.batteryInstance()).param("api", account.api())
                .param("secret", secrets.seal(account.source().key(), account.secret()))
                .param("at", Timestamp.from(at)).param("by", by).update();
    }

    public boolean delete(PollSource source) {
        return jdbc.sql("DELETE FROM system.cloud_accounts WHERE source = :source").param("source", source.key())
                .update() == 1;
    }
}
