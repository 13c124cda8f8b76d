package io.commandcenter.engine;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import io.commandcenter.engine.facts.ConfirmationMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Site modes over REST: everyone reads, operators switch, admins edit (see SecurityConfiguration). */
@RestController
@RequestMapping({"/site-modes", "/api/v1/site-modes"})
class SiteModeController {

    record ModeView(String name, String description, Double minSoc, Double pauseMinersBelow, Double resumeMinersAbove,
                    ConfirmationMode confirmation, boolean builtIn, List<String> changes) {
        static ModeView of(SiteMode m) {
            return new ModeView(m.name(), m.description(), m.minSoc(), m.pauseMinersBelow(), m.resumeMinersAbove(),
                    m.confirmation(), m.builtIn(), m.changes());
        }
    }

    record ActiveView(String mode, Instant since, String by, String reason) {
    }

    record Modes(ActiveView active, List<ModeView> modes) {
    }

    record SwitchBody(@NotBlank @Size(max = 40) String mode, @Size(max = 500) String reason) {
    }

    record ModeBody(@Size(max = 200) String description, Double minSoc, Double pauseMinersBelow,
                    Double resumeMinersAbove, ConfirmationMode confirmation) {
    }

    private final SiteModeService modes;

    SiteModeController(SiteModeService modes) {
        this.modes = modes;
    }

    @GetMapping
    Modes list() {
        return new Modes(active(modes.active()), modes.all().stream().map(ModeView::of).toList());
    }

    @PostMapping("/active")
    ActiveView switchTo(@Valid @RequestBody SwitchBody body, Principal user) {
        return active(modes.switchTo(body.mode(), user.getName(), body.reason()));
    }

    @PutMapping("/{name}")
    ModeView save(@PathVariable String name, @Valid @RequestBody ModeBody body, Principal user) {
        return ModeView.of(modes.save(new SiteMode(name, body.description(), body.minSoc(), body.pauseMinersBelow(),
                body.resumeMinersAbove(), body.confirmation(), false), user.getName()));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        modes.delete(name);
        return ResponseEntity.noContent().build();
    }

    private static ActiveView active(SiteModeService.ActiveSiteMode a) {
        var since = a.since();
        return new ActiveView(a.mode().name(), since == null ? null : since.at(), since == null ? null : since.by(),
                since == null ? null : since.reason());
    }
}
