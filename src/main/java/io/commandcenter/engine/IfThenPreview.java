package io.commandcenter.engine;

import java.time.Duration;
import java.util.List;

import io.commandcenter.engine.facts.SiteSettings;

/**
 * A dry run of a rule change over the readings recorded in the last days, before it is saved: what the candidate
 * would have decided differently from the live rules, and any safety violation. Test mode implements it (a replay
 * through the same engine), so the engine does not depend on test mode.
 */
public interface IfThenPreview {

    /**
     * @param readings    how many recorded readings were replayed (0: nothing recorded in the window)
     * @param differences what the candidate would have decided otherwise, one line each, oldest first
     * @param violations  safety violations the candidate would have caused
     * @param alsoDoes    site-mode switches and notifications the candidate would have made and the live rules
     *                    did not, one line each, oldest first
     */
    record Preview(Duration window, int readings, List<String> differences, List<String> violations,
                   List<String> alsoDoes) {
    }

    Preview preview(RuleSet live, RuleSet candidate, SiteSettings settings, Duration window);
}
