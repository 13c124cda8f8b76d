package io.commandcenter.engine;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The owner's preferences; a change reaches the live rules at once. */
@RestController
@RequestMapping({"/preferences", "/api/v1/preferences"})
class PreferencesController {

    private final PreferencesService preferences;

    PreferencesController(PreferencesService preferences) {
        this.preferences = preferences;
    }

    @GetMapping
    Preferences show() {
        return preferences.current();
    }

    @PutMapping
    Preferences update(@RequestBody Preferences body,
                       @RequestHeader(name = "X-Requested-By", defaultValue = "api") String by) {
        new io.commandcenter.validation.InvalidParams().text("X-Requested-By", by, io.commandcenter.validation.Limits.NAME)
                .throwIfAny("invalid-preferences", "The X-Requested-By header is not valid");
        return preferences.update(body, by);
    }

    @PostMapping("/reset")
    Preferences reset() {
        return preferences.reset();
    }
}
