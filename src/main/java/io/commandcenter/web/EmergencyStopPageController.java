package io.commandcenter.web;

import io.commandcenter.control.EmergencyStopSwitch;
import io.commandcenter.control.EmergencyStopState;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The STOP button in every page's top bar: engaging needs an operator and a reason, releasing needs an
 * admin (see {@link SecurityConfiguration}). Acts through the control feature's {@link EmergencyStopSwitch}.
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

    @PostMapping("/stop")
    String engage(@RequestParam(defaultValue = "") String why, @RequestParam(defaultValue = "/power") String back,
                  RedirectAttributes redirect) {
        String problem = io.commandcenter.validation.Text.problem(why, io.commandcenter.validation.Limits.REASON);
        if (why.isBlank()) {
            redirect.addFlashAttribute("stopError", "Say why you stop the automation.");
        } else if (problem != null) {
            redirect.addFlashAttribute("stopError", "The reason " + problem + "; STOP was not engaged.");
        } else {
            emergencyStop.engage(SignedInUser.name(), why.trim());
        }
        return "redirect:" + safe(back);
    }

    @PostMapping("/stop/release")
    String release(@RequestParam(defaultValue = "") String why, @RequestParam(defaultValue = "/power") String back) {
        emergencyStop.release(SignedInUser.name(), why.isBlank() ? null : why.trim());
        return "redirect:" + safe(back);
    }

    /** Only paths on this site, so the form cannot be used to redirect elsewhere. */
    private static String safe(String back) {
        return back.startsWith("/") && !back.startsWith("//") ? back : "/power";
    }
}
