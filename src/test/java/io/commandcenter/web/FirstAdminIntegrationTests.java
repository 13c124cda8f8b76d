package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminIntegrationTests {

    @LocalServerPort int port;
    @Autowired UserRepository users;
    @Autowired PasswordEncoder passwords;
    @Autowired PasswordPolicy policy;
    @Autowired FirstAdmin configuredAdmin;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void restoreTheTestAdmin() {
        jdbc.sql("DELETE FROM security.users WHERE username = 'admin' OR role = 'ADMIN'").update();
        configuredAdmin.run(null);
    }

    @Test
    void firstRunWithoutEnvironmentCreatesAdminWithAPasswordPrintedOnce(CapturedOutput output) {
        jdbc.sql("DELETE FROM security.users WHERE username = 'admin' OR role = 'ADMIN'").update();
        FirstAdmin firstRun = new FirstAdmin(new SecurityProperties(null, null), users, passwords, policy);

        firstRun.run(null);

        Matcher printed = Pattern.compile("sign in as 'admin' with password: (\\S+)").matcher(output.getOut());
        assertThat(printed.find()).as("password printed").isTrue();
        String password = printed.group(1);
        assertThat(TestUsers.as(port, "admin", password).build().get().uri("/api/users").retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(200);

        int before = output.getOut().length();
        firstRun.run(null);
        assertThat(output.getOut().substring(before)).doesNotContain("with password");
    }

    @Test
    void environmentPasswordResetsTheAdminOnStart() {
        users.update(TestUsers.ADMIN, passwords.encode("something-else-entirely"), null, false);

        configuredAdmin.run(null);

        var admin = users.findByUsername(TestUsers.ADMIN).orElseThrow();
        assertThat(admin.account().enabled()).isTrue();
        assertThat(admin.account().role()).isEqualTo(Role.ADMIN);
        assertThat(passwords.matches(TestUsers.ADMIN_PASSWORD, admin.passwordHash())).isTrue();
    }
}
