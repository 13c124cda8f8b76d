package io.commandcenter.features;

import java.security.Principal;
import java.util.List;

import io.commandcenter.validation.InvalidParams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The flags over REST: everyone signed in reads them, an admin overrides one (see SecurityConfiguration). */
@RestController
@RequestMapping({"/features", "/api/v1/features"})
class FeatureController {

    /**
     * @param source      ENVIRONMENT (the default applies) or OVERRIDE (an admin's)
     * @param sourceText  the same in words: "environment default (...)", "admin override by alice"
     */
    record FeatureView(String flag, String label, String description, String whenOff, boolean enabled, String source,
                       String sourceText, boolean defaultEnabled, String defaultFrom, FeatureOverride override) {
        static FeatureView of(FeatureState s) {
            Feature f = s.feature();
            return new FeatureView(f.name(), f.label(), f.description(), f.whenOff(), s.enabled(),
                    s.overridden() ? "OVERRIDE" : "ENVIRONMENT", s.source(), s.defaultEnabled(), s.defaultFrom(),
                    s.override());
        }
    }

    record ChangeBody(Boolean enabled, String reason) {
    }

    record ResetBody(String reason) {
    }

    private final FeatureFlags flags;

    FeatureController(FeatureFlags flags) {
        this.flags = flags;
    }

    @GetMapping
    List<FeatureView> list() {
        return flags.all().stream().map(FeatureView::of).toList();
    }

    @GetMapping("/{flag}")
    FeatureView show(@PathVariable String flag) {
        return FeatureView.of(flags.state(feature(flag)));
    }

    /** The audit, newest first: every override set or cleared, by whom, when and why. */
    @GetMapping("/changes")
    List<FeatureChange> changes(@RequestParam(required = false) String flag,
                                @RequestParam(defaultValue = "50") int limit) {
        InvalidParams.checkLimit("limit", limit);
        return flags.changes(flag == null ? null : feature(flag), limit);
    }

    @PutMapping("/{flag}")
    FeatureView override(@PathVariable String flag, @RequestBody ChangeBody body, Principal user) {
        Feature feature = feature(flag);
        var problems = new InvalidParams();
        if (body.enabled() == null) {
            problems.add("enabled", "required: true or false");
        }
        FeatureFlags.checkReason(problems, body.reason())
                .throwIfAny("invalid-feature-change", "The flag " + feature + " was not changed");
        return FeatureView.of(flags.override(feature, body.enabled(), user.getName(), body.reason()));
    }

    /** Back to the default from configuration or the environment. */
    @PostMapping("/{flag}/reset")
    FeatureView reset(@PathVariable String flag, @RequestBody ResetBody body, Principal user) {
        return FeatureView.of(flags.reset(feature(flag), user.getName(), body.reason()));
    }

    private static Feature feature(String name) {
        return Feature.parse(name).orElseThrow(() -> new UnknownFeature(name));
    }
}
