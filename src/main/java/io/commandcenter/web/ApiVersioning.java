package io.commandcenter.web;

/**
 * The REST API answers under {@code /api/v1}. The paths it had before it was versioned ({@code /engine/rules},
 * {@code /api/users}, ...) stay as aliases; the security rules name each REST path with its twin
 * ({@link SecurityConfiguration}).
 */
final class ApiVersioning {

    static final String V1 = "/api/v1";

    private ApiVersioning() {
    }

    /**
     * The versioned path of an unversioned one: {@code /engine/rules} → {@code /api/v1/engine/rules}; the accounts
     * API, which was already under {@code /api}, keeps its name: {@code /api/users} → {@code /api/v1/users}.
     * Works on path patterns too ({@code /engine/locks/*}).
     */
    static String successor(String path) {
        return path.startsWith("/api/") ? V1 + path.substring("/api".length()) : V1 + path;
    }
}
