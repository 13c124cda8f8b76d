package io.commandcenter.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    /** A user row including the password hash and security stamp, for sign-in only. */
    record Credentials(UserAccount account, String passwordHash, long stamp) {
    }

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<UserAccount> findAll() {
        return jdbc.sql("""
                SELECT username, password_hash, role, enabled, created_at, created_by, security_stamp
                FROM security.users ORDER BY username
                """).query(UserRepository::map).list().stream().map(Credentials::account).toList();
    }

    Optional<Credentials> findByUsername(String username) {
        return jdbc.sql("""
                SELECT username, password_hash, role, enabled, created_at, created_by, security_stamp
                FROM security.users WHERE username = :username
                """).param("username", username).query(UserRepository::map).optional();
    }

    boolean anyEnabledAdmin() {
        return jdbc.sql("SELECT count(*) FROM security.users WHERE role = 'ADMIN' AND enabled")
                .query(Long.class).single() > 0;
    }

    void insert(String username, String passwordHash, Role role, String createdBy) {
        jdbc.sql("""
                INSERT INTO security.users (username, password_hash, role, created_by)
                VALUES (:username, :hash, :role, :by)
                """).param("username", username).param("hash", passwordHash).param("role", role.name())
                .param("by", createdBy).update();
    }

    /**
     * Changes what is given (null keeps a field). A new password, another role or another enabled flag moves
     * the security stamp on, which ends the user's sessions ({@link SessionStampFilter}).
     */
    int update(String username, String passwordHash, Role role, Boolean enabled) {
        return jdbc.sql("""
                UPDATE security.users SET
                    security_stamp = security_stamp + CASE
                        WHEN coalesce(:hash, password_hash) <> password_hash OR coalesce(:role, role) <> role
                          OR coalesce(:enabled, enabled) <> enabled THEN 1 ELSE 0 END,
                    password_hash = coalesce(:hash, password_hash),
                    role = coalesce(:role, role),
                    enabled = coalesce(:enabled, enabled)
                WHERE username = :username
                """).param("username", username).param("hash", passwordHash)
                .param("role", role == null ? null : role.name()).param("enabled", enabled).update();
    }

    int delete(String username) {
        return jdbc.sql("DELETE FROM security.users WHERE username = :username").param("username", username).update();
    }

    private static Credentials map(ResultSet rs, int row) throws SQLException {
        return new Credentials(new UserAccount(rs.getString("username"), Role.valueOf(rs.getString("role")),
                rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")),
                rs.getString("password_hash"), rs.getLong("security_stamp"));
    }
}
