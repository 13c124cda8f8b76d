package io.commandcenter.web;

import io.commandcenter.navigation.NavPage;
import io.commandcenter.validation.Rejected;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin page for people and API tokens (security allows admins only under /users and /tokens). */
@Controller
class UsersPageController {

    private final UserAccounts users;
    private final ApiTokens tokens;

    UsersPageController(UserAccounts users, ApiTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @Bean
    static NavPage usersNavPage() {
        return new NavPage("/users", "Users", 90);
    }

    @GetMapping("/users")
    String showUsers(Model model) {
        model.addAttribute("users", users.findAll());
        model.addAttribute("tokens", tokens.findAll());
        model.addAttribute("roles", Role.values());
        return "web/users";
    }

    @PostMapping("/users")
    String createUser(@RequestParam String username, @RequestParam String password, @RequestParam String role,
                      RedirectAttributes redirect) {
        return act(redirect, () -> {
            users.create(username, password, Role.parse(role));
            return "User '" + username + "' created.";
        });
    }

    @PostMapping("/users/{username}/role")
    String changeRole(@PathVariable String username, @RequestParam String role, RedirectAttributes redirect) {
        return act(redirect, () -> {
            users.update(username, null, Role.parse(role), null);
            return "'" + username + "' is now " + role.toLowerCase() + ".";
        });
    }

    @PostMapping("/users/{username}/delete")
    String deleteUser(@PathVariable String username, RedirectAttributes redirect) {
        return act(redirect, () -> {
            users.delete(username);
            return "User '" + username + "' removed.";
        });
    }

    @PostMapping("/tokens")
    String createToken(@RequestParam String name, @RequestParam String role, RedirectAttributes redirect) {
        return act(redirect, () -> {
            ApiTokens.CreatedToken created = tokens.create(name, Role.parse(role));
            redirect.addFlashAttribute("newToken", created.token());
            return "Token '" + name + "' created. Copy it now: it is not shown again.";
        });
    }

    @PostMapping("/tokens/{id}/revoke")
    String revokeToken(@PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, () -> "Token '" + tokens.revoke(id).name() + "' revoked.");
    }

    private static String act(RedirectAttributes redirect, java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("success", action.get());
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/users";
    }
}
