package io.commandcenter.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in settings.
 *
 * @param adminUser     the first admin's user name ({@code COMMANDCENTER_ADMIN_USER}); blank means "admin"
 *                      with a generated first-run password when no admin exists yet
 * @param adminPassword the first admin's password ({@code COMMANDCENTER_ADMIN_PASSWORD}); when set, it is
 *                      (re)applied on every start so a lost password can be reset from the environment
 */
@ConfigurationProperties("commandcenter.security")
record SecurityProperties(String adminUser, String adminPassword) {

    static final String DEFAULT_ADMIN = "admin";

    boolean adminConfigured() {
        return adminPassword != null && !adminPassword.isBlank();
    }

    String adminUserOrDefault() {
        return adminUser == null || adminUser.isBlank() ? DEFAULT_ADMIN : adminUser.trim();
    }
}
