package io.commandcenter.notify;

import java.security.Principal;

import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Settings for signed-in operators: email, phone, critical only, quiet hours, confirmation mode. */
@RestController
class NotificationSettingsController {

    private final NotificationSettingsService settings;

    NotificationSettingsController(NotificationSettingsService settings) {
        this.settings = settings;
    }

    @GetMapping({"/notifications/settings", "/api/v1/notifications/settings"})
    NotificationSettings show() {
        return settings.current();
    }

    @PutMapping({"/notifications/settings", "/api/v1/notifications/settings"})
    NotificationSettings update(@Valid @RequestBody NotificationSettings changed, Principal user) {
        return settings.save(changed, user == null ? "operator" : user.getName());
    }
}
