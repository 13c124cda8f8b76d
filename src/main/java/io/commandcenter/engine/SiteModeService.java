package io.commandcenter.engine;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import io.commandcenter.validation.InvalidParams;
import jakarta.annotation.PostConstruct;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The site modes: stored, checked against the preferences they change, and switched by hand (or, later, by a
 * schedule, a builder rule or a workflow). The mode in force goes to the engine, which applies its preferences and
 * confirmation and names it in every decision's explanation. Every switch is kept with who made it and why.
 */
@Service
public class SiteModeService {

    private static final Log log = LogFactory.getLog(SiteModeService.class);
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,39}");

    /** The mode in force, since when, who switched to it and why. */
    private volatile ActiveSiteMode cached;

    public record ActiveSiteMode(SiteMode mode, SiteModeSwitch since) {
    }

    private final SiteModeRepository repository;
    private final PreferencesService preferences;
    private final EngineService engine;
    private final Clock clock;

    SiteModeService(SiteModeRepository repository, PreferencesService preferences, EngineService engine, Clock clock) {
        this.repository = repository;
        this.preferences = preferences;
        this.engine = engine;
        this.clock = clock;
    }

    @PostConstruct
    void restore() {
        engine.useSiteMode(active().mode());
    }

    /** An if/then rule's action: switched in its name, with the rule as the reason. */
    @EventListener
    void onIfThenWantsMode(IfThenWantsMode wanted) {
        if (!active().mode().name().equals(wanted.mode())) {
            switchTo(wanted.mode(), wanted.rule(), "the rule's conditions hold");
        }
    }

    public List<SiteMode> all() {
        return repository.findAll();
    }

    /** The mode in force: the latest switch, Normal before the first (or when the switched-to mode was deleted). */
    /** The mode in force, read once and kept until a switch or a change to a mode (every page's top bar asks). */
    public ActiveSiteMode active() {
        ActiveSiteMode known = cached;
        if (known != null) {
            return known;
        }
        ActiveSiteMode read = read();
        cached = read;
        return read;
    }

    private ActiveSiteMode read() {
        var latest = repository.latestSwitch();
        SiteMode mode = latest.flatMap(s -> repository.find(s.mode())).orElseGet(
                () -> repository.find(SiteMode.NORMAL).orElseGet(SiteMode::normal));
        return new ActiveSiteMode(mode, latest.filter(s -> s.mode().equals(mode.name())).orElse(null));
    }

    @Transactional
    public ActiveSiteMode switchTo(String name, String by, String reason) {
        SiteMode mode = repository.find(name).orElseThrow(() -> new UnknownSiteMode(name));
        var problems = new InvalidParams().text("reason", reason, 500);
        problems.throwIfAny("invalid-site-mode-switch", "The switch was not made");
        SiteModeSwitch made = new SiteModeSwitch(mode.name(), clock.instant(), by,
                reason == null ? "" : reason.strip());
        repository.recordSwitch(made);
        forget();
        engine.useSiteMode(mode);
        log.info("Site mode is now " + mode.name() + " (switched by " + by + (made.reason().isEmpty() ? ""
                : ": " + made.reason()) + ")");
        return new ActiveSiteMode(mode, made);
    }

    /** Saves a mode (new or changed); one in force applies at once. */
    @Transactional
    public SiteMode save(SiteMode mode, String by) {
        check(mode);
        boolean builtIn = repository.find(mode.name()).map(SiteMode::builtIn).orElse(false);
        repository.save(mode, by);
        forget();
        SiteMode saved = new SiteMode(mode.name(), mode.description(), mode.minSoc(), mode.pauseMinersBelow(),
                mode.resumeMinersAbove(), mode.confirmation(), builtIn);
        if (active().mode().name().equals(saved.name())) {
            engine.useSiteMode(saved);
        }
        return saved;
    }

    @Transactional
    public void delete(String name) {
        SiteMode mode = repository.find(name).orElseThrow(() -> new UnknownSiteMode(name));
        var problems = new InvalidParams();
        if (mode.builtIn()) {
            problems.add("name", "'" + name + "' is shipped with CommandCenter: change it, it cannot be deleted");
        } else if (active().mode().name().equals(name)) {
            problems.add("name", "'" + name + "' is in force: switch to another mode first");
        }
        problems.throwIfAny("invalid-site-mode", "The mode was not deleted");
        repository.delete(name);
        forget();
    }

    /** Forgets the mode in force now and again once the transaction has committed (a reader meanwhile saw the old). */
    private void forget() {
        cached = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cached = null;
                }
            });
        }
    }

    public List<SiteModeSwitch> recentSwitches(int limit) {
        return repository.switches(limit);
    }

    /** The name, the overrides' ranges, and the preferences the mode makes: each problem on its field. */
    private void check(SiteMode mode) {
        var problems = new InvalidParams();
        if (mode.name() == null || !NAME.matcher(mode.name()).matches()) {
            problems.add("name", "must be 1 to 40 letters, digits, spaces, '.', '_' or '-', starting with a letter"
                    + " or digit");
        }
        problems.text("description", mode.description(), 200);
        percent(problems, "minSoc", mode.minSoc());
        percent(problems, "pauseMinersBelow", mode.pauseMinersBelow());
        percent(problems, "resumeMinersAbove", mode.resumeMinersAbove());
        if (problems.isEmpty()) {
            // Filed under the mode's own field the message names ("criticalSoc must be below minSoc": minSoc).
            for (String violation : mode.applyTo(preferences.current()).violations()) {
                String field = overridden(mode).stream().filter(violation::contains).findFirst().orElse("mode");
                problems.add(field, "with the present preferences: " + violation);
            }
        }
        problems.throwIfAny("invalid-site-mode", "The site mode was not saved");
    }

    private static List<String> overridden(SiteMode mode) {
        List<String> fields = new java.util.ArrayList<>();
        if (mode.minSoc() != null) fields.add("minSoc");
        if (mode.pauseMinersBelow() != null) fields.add("pauseMinersBelow");
        if (mode.resumeMinersAbove() != null) fields.add("resumeMinersAbove");
        return fields;
    }

    private static void percent(InvalidParams problems, String field, Double value) {
        if (value != null && (!Double.isFinite(value) || value < 0 || value > 100)) {
            problems.add(field, "must be between 0 and 100 %");
        }
    }
}
