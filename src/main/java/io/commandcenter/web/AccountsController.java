package io.commandcenter.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin REST for users and API tokens (the security rules allow admins only). */
@RestController
class AccountsController {

    private final UserAccounts users;
    private final ApiTokens tokens;

    AccountsController(UserAccounts users, ApiTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    record NewUser(String username, String password, String role) {
    }

    record UserChange(String password, String role, Boolean enabled) {
    }

    record NewToken(@jakarta.validation.constraints.NotBlank
                    @io.commandcenter.validation.PlainText(max = io.commandcenter.validation.Limits.NAME) String name,
                    String role) {
    }

    @GetMapping({"/api/users", "/api/v1/users"})
    List<UserAccount> users() {
        return users.findAll();
    }

    @PostMapping({"/api/users", "/api/v1/users"})
    @ResponseStatus(HttpStatus.CREATED)
    UserAccount createUser(@RequestBody NewUser user) {
        return users.create(user.username(), user.password(), user.role() == null ? null : Role.parse(user.role()));
    }

    @PutMapping({"/api/users/{username}", "/api/v1/users/{username}"})
    UserAccount changeUser(@PathVariable String username, @RequestBody UserChange change) {
        return users.update(username, change.password(), change.role() == null ? null : Role.parse(change.role()),
                change.enabled());
    }

    @DeleteMapping({"/api/users/{username}", "/api/v1/users/{username}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteUser(@PathVariable String username) {
        users.delete(username);
    }

    @GetMapping({"/api/tokens", "/api/v1/tokens"})
    List<ApiToken> tokens() {
        return tokens.findAll();
    }

    /** The response is the only time the token's secret is shown. */
    @PostMapping({"/api/tokens", "/api/v1/tokens"})
    @ResponseStatus(HttpStatus.CREATED)
    ApiTokens.CreatedToken createToken(@jakarta.validation.Valid @RequestBody NewToken token) {
        return tokens.create(token.name(), token.role() == null ? Role.VIEWER : Role.parse(token.role()));
    }

    @DeleteMapping({"/api/tokens/{id}", "/api/v1/tokens/{id}"})
    ApiToken revokeToken(@PathVariable long id) {
        return tokens.revoke(id);
    }
}
