package io.commandcenter.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class SignInController {

    @GetMapping("/login")
    String showSignInForm() {
        return "web/login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/power";
    }
}
