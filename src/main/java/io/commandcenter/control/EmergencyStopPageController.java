package io.commandcenter.control;

import java.security.Principal;

import io.commandcenter.validation.Limits;
import io.commandcenter.validation.Text;

import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The STOP button in every page's top bar: engaging needs an operator and a reason, releasing needs an
 * admin (the web shell's security configuration). Acts through {@link EmergencyStopSwitch}.
 */
@Controller
class EmergencyStopPageController {

    /** The layout reads the state through this bean ({@code ${@stopButton.state()}}), only when it renders. */
    @Component("stopButton")
    static class StopButton {
        private final EmergencyStopSwitch emergencyStop;

        StopButton(EmergencyStopSwitch emergencyStop) {
            this.emergencyStop = emergencyStop;
        }

        public EmergencyStopState state() {
            return emergencyStop.state();
        }
    }

    private final EmergencyStopSwitch emergencyStop;

    EmergencyStopPageController(EmergencyStopSwitch emergencyStop) {
        this.emergencyStop = emergencyStop;
    }

    /** The STOP history section of /health, loaded there by htmx (health belongs to ingest, which cannot see this). */
    @GetMapping("/health/stop-history")
    String history(Model model) {
        model.addAttribute("stops", emergencyStop.history(20));
        return "fragments/stop :: history";
    }

    @PostMapping("/stop")
    String engage(@RequestParam(defaultValue = "") String why, @RequestParam(defaultValue = "/power") String back,
                  RedirectAttributes redirect, Principal user) {
        String problem = Text.problem(why, Limits.REASON);
        if (why.isBlank()) {
            redirect.addFlashAttribute("stopError", "Say why you stop the automation.");
        } else if (problem != null) {
            redirect.addFlashAttribute("stopError", "The reason " + problem + "; STOP was not engaged.");
        } else {
            emergencyStop.engage(user.getName(), why.trim());
        }
        return "redirect:" + safe(back);
    }

    @PostMapping("/stop/release")
    String release(@RequestParam(defaultValue = "") String why, @RequestParam(defaultValue = "/power") String back,
                   Principal user) {
        emergencyStop.release(user.getName(), why.isBlank() ? null : why.trim());
        return "redirect:" + safe(back);
    }

    /** Only paths on this site, so the form cannot be used to redirect elsewhere. */
    private static String safe(String back) {
        return back.startsWith("/") && !back.startsWith("//") ? back : "/power";
    }
}
