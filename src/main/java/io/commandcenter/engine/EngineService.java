package io.commandcenter.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.device.DevicesChanged;
import io.commandcenter.device.UnknownDevice;
import io.commandcenter.engine.facts.BatteryLevel;
import io.commandcenter.engine.facts.ConfirmationMode;
import io.commandcenter.engine.facts.DeviceLock;
import io.commandcenter.engine.facts.DevicePower;
import io.commandcenter.engine.facts.EmergencyStop;
import io.commandcenter.engine.facts.ModeWish;
import io.commandcenter.engine.facts.NotifyWish;
import io.commandcenter.engine.facts.PowerFlow;
import io.commandcenter.engine.facts.ScheduledSwitch;
import io.commandcenter.engine.facts.SolarForecast;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ForecastStored;
import io.commandcenter.timeseries.PvForecast;
import io.commandcenter.timeseries.ReadingsStored;
import io.commandcenter.timeseries.SolarReading;
import io.commandcenter.validation.InvalidParam;
import io.commandcenter.validation.InvalidParams;
import io.commandcenter.validation.Text;
import jakarta.annotation.PreDestroy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The live engine: one {@link EngineSession} per site, all owned by one thread. Pollers' readings
 * arrive as {@link ReadingsStored} and are queued; calls from other threads run on the engine
 * thread through a future. Decisions are stored; automation decisions are published as
 * {@link ActionProposed}.
 * <p>
 * The engine thread only runs the rules: it never touches the database, a mail server or a cloud. What the rules
 * need from the database (device types, locks, the memory from before a restart) is read on the calling thread
 * before the work is queued; what they produce (decisions to store, proposals and alarms to publish, whose
 * listeners may send mail) is handed, in order, to the {@code engine-output} thread, which stores each decision and
 * publishes its event in one transaction: the event publication registry records the event with the decision, and
 * listeners that send mail run after the commit, on threads of their own. A slow mail server or database therefore
 * never delays a decision. Both threads are Spring-managed executors of one thread each ({@link EngineConfiguration}).
 */
@Service
class EngineService implements RulesEngine {

    private static final Log log = LogFactory.getLog(EngineService.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEVICE_CACHE = Duration.ofMinutes(1);
    // A reading from a device the copy does not know reloads it, but not more than once in this time.
    private static final Duration UNKNOWN_DEVICE_RELOAD = Duration.ofSeconds(1);

    private final EngineProperties properties;
    private final DeviceRegistry registry;
    private final DecisionRepository decisionRepository;
    private final DeviceLockRepository lockRepository;
    private final SessionMemoryStore memory;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final ThreadPoolTaskExecutor engineThread;
    // Stores and publishes what the rules produced, in the order they produced it.
    private final ThreadPoolTaskExecutor output;

    // Owned by the engine thread.
    private final Map<String, EngineSession> sessions = new HashMap<>();
    // Read on callers' threads, for the engine thread: a site's memory and the locks, before its session starts
    // (taken out when it does). A site is read once: after that its session carries them.
    private final Map<String, SessionStart> starts = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> prepared = java.util.concurrent.ConcurrentHashMap.newKeySet();
    // The registry's copy, refreshed on callers' threads.
    private volatile Map<String, Device> devices = Map.of();
    private volatile Instant devicesLoaded = Instant.EPOCH;

    private record SessionStart(EngineSession.Memory memory, List<DeviceLock> locks) {
    }

    private volatile RuleSet rules;
    private volatile int version;
    private volatile Preferences preferences;
    private volatile EmergencyStop emergencyStop = EmergencyStop.released();
    // Read once through the port on a caller's thread, then kept current by useConfirmationMode.
    private volatile ConfirmationMode confirmationMode;
    private volatile SiteMode siteMode = SiteMode.normal();
    private volatile List<ScheduledSwitch> scheduledSwitches = List.of();
    // What workflows ask for (automate); engine thread only, like the decisions on their requests since they last looked.
    private List<ScheduledSwitch> stepSwitches = List.of();
    private List<WatchedCondition> watchedConditions = List.of();
    private final List<Decision> stepDecisions = new ArrayList<>();
    private final ObjectProvider<ConfirmationSetting> confirmationSetting;
    /** The version on probation and the one to go back to; engine thread only. */
    private Probation probation;
    private String rolledBackBecause;
    private final Duration probationTime;

    private record Probation(int version, RuleSet previous, int previousVersion, Instant until) {
    }

    EngineService(EngineProperties properties, DeviceRegistry registry, DecisionRepository decisionRepository,
                  DeviceLockRepository lockRepository, SessionMemoryStore memory, ApplicationEventPublisher events,
                  RulesProperties rulesProperties, ObjectProvider<ConfirmationSetting> confirmationSetting,
                  PlatformTransactionManager transactionManager,
                  @Qualifier("rulesEngineThread") ThreadPoolTaskExecutor engineThread,
                  @Qualifier("engineOutputThread") ThreadPoolTaskExecutor output) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.engineThread = engineThread;
        this.output = output;
        this.confirmationSetting = confirmationSetting;
        this.probationTime = rulesProperties.probation() == null ? Duration.ZERO : rulesProperties.probation();
        this.properties = properties;
        this.registry = registry;
        this.decisionRepository = decisionRepository;
        this.lockRepository = lockRepository;
        this.memory = memory;
        this.events = events;
    }

    // ---- lifecycle and rule sets (used by RuleSetService and PreferencesService) -----------

    /**
     * Installs the first rule set or swaps to a new one, between two queued readings. A swapped-in version is on
     * probation: if firing it fails now, the previous version is back before this returns and
     * {@link RuleSetFailedLive} says why; if it fails later within the probation time, it is rolled back then.
     * Either way {@link RuleSetRolledBack} is published.
     */
    void install(RuleSet newRules, int newVersion) {
        prepare(properties.site());
        call(() -> {
            if (rules == null) {
                rules = newRules;
                version = newVersion;
                session(properties.site());
            } else {
                probation = new Probation(newVersion, rules, version, Instant.now().plus(probationTime));
                sessions.replaceAll((site, s) -> s.switchTo(newRules, newVersion));
                rules = newRules;
                version = newVersion;
                // The new rules may decide at once (a new table row that wants a device on).
                try {
                    fireAll();
                } catch (RuntimeException e) {
                    // Even the restored rules failed, or something outside the rules did.
                    throw new RuleSetFailedLive(version == newVersion && probation != null ? rollBack(probation, e)
                            : RuleSetFailedLive.describe(e), e);
                }
                if (version != newVersion) {
                    throw new RuleSetFailedLive(rolledBackBecause, null); // failed at once, rolled back by fire()
                }
            }
            return null;
        });
        log.info("Rule set version " + newVersion + " is live (" + newRules.contentHash().substring(0, 12) + ")");
    }

    /**
     * Firing failed. Within a new version's probation the previous version takes over (every reading and state
     * fact carried over, the failed session's unjudged requests dropped, so a failure never becomes a decision)
     * and the failure is told once; after it, or with nothing to go back to, the failure stands.
     */
    private boolean rolledBackAfter(RuntimeException failure) {
        Probation p = probation;
        if (p == null || p.version() != version || Instant.now().isAfter(p.until())) {
            return false;
        }
        rollBack(p, failure);
        return true;
    }

    private String rollBack(Probation p, RuntimeException failure) {
        String reason = RuleSetFailedLive.describe(failure);
        rolledBackBecause = reason;
        sessions.replaceAll((site, s) -> s.switchTo(p.previous(), p.previousVersion()));
        rules = p.previous();
        version = p.previousVersion();
        probation = null;
        log.error("Rule set version " + p.version() + " failed on probation and was rolled back to version "
                + p.previousVersion() + ": " + reason, failure);
        RuleSetRolledBack rolledBack = new RuleSetRolledBack(p.version(), p.previousVersion(), reason, Instant.now());
        output.execute(() -> inOneTransaction(rolledBack, () -> events.publishEvent(rolledBack)));
        return reason;
    }

    /** Fires one site's session; a failure on probation hands the same moment to the previous version. */
    private void fire(String site) {
        List<Decision> decisions;
        try {
            decisions = sessions.get(site).fire();
        } catch (RuntimeException e) {
            if (!rolledBackAfter(e)) {
                throw e;
            }
            decisions = sessions.get(site).fire();
        }
        handle(site, sessions.get(site), decisions);
    }

    void usePreferences(Preferences newPreferences) {
        preferences = newPreferences;
        applyModeAndPreferences();
    }

    /** The site mode in force: its preferences and confirmation apply from now on, and decisions name it. */
    void useSiteMode(SiteMode mode) {
        siteMode = java.util.Objects.requireNonNull(mode, "mode");
        applyModeAndPreferences();
    }

    /** The schedules' due switches, for every session (ScheduleService works them out on each tick). */
    void useScheduledSwitches(List<ScheduledSwitch> switches) {
        if (scheduledSwitches.equals(switches)) {
            return; // unchanged: the facts stay, so nothing is proposed again
        }
        scheduledSwitches = List.copyOf(switches);
        if (rules != null) {
            queue(() -> {
                sessions.values().forEach(s -> s.useScheduledSwitches(allSwitches()));
                fireAll();
            });
        }
    }

    private List<ScheduledSwitch> allSwitches() {
        if (stepSwitches.isEmpty()) {
            return scheduledSwitches;
        }
        List<ScheduledSwitch> all = new ArrayList<>(scheduledSwitches);
        all.addAll(stepSwitches);
        return all;
    }

    @Override
    public SiteSituation situation() {
        String site = properties.site();
        prepare(site);
        return call(() -> {
            if (rules == null) {
                throw new IllegalStateException("the rules are not built yet");
            }
            return session(site).situation();
        });
    }

    @Override
    public SiteView automate(List<ScheduledSwitch> switches, List<WatchedCondition> watched) {
        String site = properties.site();
        prepare(site);
        return call(() -> {
            if (rules == null) {
                throw new IllegalStateException("the rules are not built yet");
            }
            EngineSession s = session(site);
            if (!switches.equals(stepSwitches) || !watched.equals(watchedConditions)) {
                stepSwitches = List.copyOf(switches);
                watchedConditions = List.copyOf(watched);
                sessions.values().forEach(each -> {
                    each.useScheduledSwitches(allSwitches());
                    each.useWatchedConditions(watchedConditions);
                });
            }
            fire(site);
            List<Decision> mine = List.copyOf(stepDecisions);
            stepDecisions.clear();
            return sessions.get(site).view(mine);
        });
    }

    private void applyModeAndPreferences() {
        if (rules != null) {
            call(() -> {
                sessions.values().forEach(this::applyModeAndPreferences);
                fireAll();
                return null;
            });
        }
    }

    private void applyModeAndPreferences(EngineSession s) {
        SiteMode mode = siteMode;
        s.setSettings(mode.applyTo(preferences).toSettings());
        s.setConfirmationMode(mode.confirmationOr(confirmationMode == null ? ConfirmationMode.NEVER : confirmationMode));
        s.setActiveMode(mode.name());
    }

    RuleSet rules() {
        return rules;
    }

    /** Whether the emergency stop is on, as control last told the engine. */
    boolean emergencyStopActive() {
        return emergencyStop.active();
    }

    int version() {
        return version;
    }

    List<Map<String, Object>> query(String name) {
        prepare(properties.site());
        return call(() -> session(properties.site()).query(name));
    }

    // ---- input ------------------------------------------------------------------------------

    @EventListener
    void onReadingsStored(ReadingsStored stored) {
        // The database is read here, on the poller's thread, never on the engine's.
        stored.battery().forEach(r -> prepare(siteOf(r.site())));
        stored.solar().forEach(r -> prepare(siteOf(r.site())));
        prepare(properties.site());
        Map<String, Device> known = new HashMap<>();
        stored.devices().forEach(r -> device(r.device()).ifPresent(d -> known.put(d.name(), d)));
        queue(() -> {
            try {
                ingest(stored, known);
            } catch (RuntimeException e) {
                log.error("Engine could not process readings", e);
            }
        });
    }

    @EventListener
    void onForecastStored(ForecastStored stored) {
        PvForecast forecast = stored.forecast();
        String site = siteOf(forecast.site());
        prepare(site);
        List<SolarForecast.Hour> hours = forecast.hours().stream().map(h -> new SolarForecast.Hour(
                h.endsAt().toEpochMilli(), h.expectedPvW(), h.cloudCover(), h.temperature())).toList();
        queue(() -> {
            if (rules == null) {
                return;
            }
            try {
                session(site).useForecast(forecast.issuedAt().toEpochMilli(), hours);
                fire(site);
            } catch (RuntimeException e) {
                log.error("Engine could not take the solar forecast", e);
            }
        });
    }

    @EventListener
    void onCommandCarriedOut(CommandCarriedOut done) {
        settle(done.requestId(), true);
    }

    @EventListener
    void onCommandFailed(CommandFailed failed) {
        settle(failed.requestId(), false);
    }

    @EventListener
    void onCommandNotSent(CommandNotSent notSent) {
        settle(notSent.requestId(), false);
    }

    /** Queued on the engine thread without waiting: control's thread must not stall on the rules. */
    private void settle(UUID requestId, boolean carriedOut) {
        queue(() -> {
            try {
                sessions.forEach((site, s) -> {
                    s.commandSettled(requestId, carriedOut);
                    s.drainMemoryChange().ifPresent(change -> memory.save(site, change));
                });
                if (!carriedOut) {
                    fireAll(); // a hold given back may free the device for the rules
                }
            } catch (RuntimeException e) {
                log.error("Engine could not record the outcome of " + requestId, e);
            }
        });
    }

    /** For POST /engine/facts: a reading that goes to the engine only (not stored). */
    void offer(ReadingsStored readings) {
        onReadingsStored(readings);
    }

    private void ingest(ReadingsStored stored, Map<String, Device> known) {
        if (rules == null) {
            return;
        }
        Map<String, EngineSession> touched = new HashMap<>();
        for (BatteryReading r : stored.battery()) {
            EngineSession s = at(r.site(), r.at(), touched);
            s.insertBattery(new BatteryLevel(r.site(), r.at().toEpochMilli(), r.soc()));
        }
        for (SolarReading r : stored.solar()) {
            EngineSession s = at(r.site(), r.at(), touched);
            if (r.stale()) {
                s.forgetPower(); // frozen cloud numbers: the flows are unknown, not what they last showed
                continue;
            }
            s.insertPower(new PowerFlow(r.site(), r.at().toEpochMilli(), r.pvPower(), r.loadPower(), r.gridPower()));
        }
        for (DevicePowerReading r : stored.devices()) {
            EngineSession s = at(properties.site(), r.at(), touched);
            Optional<Device> device = Optional.ofNullable(known.get(r.device()));
            s.insertDevice(new DevicePower(r.device(), r.at().toEpochMilli(), r.online(), r.on(), r.power()),
                    device.map(Device::type).orElse(null), device.map(Device::ratedPower).orElse(0.0),
                    device.map(Device::essential).orElse(false));
        }
        touched.keySet().forEach(this::fire);
    }

    private String siteOf(String site) {
        return site == null || site.isBlank() ? properties.site() : site;
    }

    private EngineSession at(String site, Instant readingTime, Map<String, EngineSession> touched) {
        String key = siteOf(site);
        EngineSession s = session(key);
        if (properties.clock() == EngineSession.ClockMode.PSEUDO) {
            s.advanceTo(readingTime); // dry runs: time follows the readings
        }
        touched.put(key, s);
        return s;
    }

    /** Cooldowns and holds end with time, not only with readings. */
    @Scheduled(fixedDelayString = "${commandcenter.engine.tick:10s}")
    void tick() {
        if (rules != null && properties.clock() == EngineSession.ClockMode.REALTIME) {
            queue(this::fireAll);
        }
    }

    private void fireAll() {
        List.copyOf(sessions.keySet()).forEach(this::fire);
    }

    // ---- facade -----------------------------------------------------------------------------

    @Override
    public Decision evaluate(ActionRequest request) {
        prepare(properties.site());
        List<UUID> superseded = new ArrayList<>();
        Decision result = call(() -> {
            List<Decision> others = new ArrayList<>();
            EngineSession s = session(properties.site());
            Decision decision;
            try {
                decision = s.evaluate(request, others);
            } catch (RuntimeException e) {
                if (!rolledBackAfter(e)) {
                    throw e;
                }
                others.clear();
                s = session(properties.site());
                decision = s.evaluate(request, others);
            }
            superseded.addAll(s.drainSuperseded());
            handle(properties.site(), s, others);
            return decision;
        });
        // Stored on the caller's thread: the engine thread does no I/O, and the caller sees it stored on return.
        decisionRepository.save(properties.site(), request, result);
        // Told on the caller's thread: listeners may call the engine again.
        if (!superseded.isEmpty()) {
            events.publishEvent(new PendingSuperseded(request, superseded));
        }
        return result;
    }

    @Override
    public void setEmergencyStop(boolean active, String who, String why) {
        EmergencyStop stop = active ? new EmergencyStop(true, who, why, Instant.now().toEpochMilli())
                : EmergencyStop.released();
        emergencyStop = stop;
        call(() -> {
            sessions.values().forEach(s -> s.setEmergencyStop(stop));
            fireAll();
            return null;
        });
    }

    @Override
    public void useConfirmationMode(ConfirmationMode mode) {
        confirmationMode = java.util.Objects.requireNonNull(mode, "mode");
        if (rules != null) {
            call(() -> {
                sessions.values().forEach(this::applyModeAndPreferences);
                fireAll();
                return null;
            });
        }
    }

    @Override
    public void setDeviceLock(String device, boolean locked, String who, String why) {
        if (locked) {
            // Checked here for every way in (REST, hardware page): a typo must not leave the owner
            // believing a device is safe to work on.
            if (registry.findByName(device).isEmpty()) {
                throw new UnknownDevice(device, "No device named \"" + device + "\"");
            }
            String problem = Text.problem(why, DeviceLock.MAX_REASON);
            if (problem != null) {
                throw new InputRejected("invalid-lock", "The lock is not valid")
                        .with("errors", List.of("reason: " + problem))
                        .with(InvalidParams.PROPERTY, List.of(new InvalidParam("reason", problem)));
            }
            lockRepository.lock(new DeviceLock(device, who, why == null ? "" : why));
        } else {
            lockRepository.unlock(device);
        }
        call(() -> {
            sessions.values().forEach(s -> {
                if (locked) {
                    s.lock(device, who, why == null ? "" : why);
                } else {
                    s.unlock(device);
                }
            });
            return null;
        });
    }

    @Override
    public List<DeviceLock> deviceLocks() {
        return lockRepository.findAll();
    }

    @Override
    public void approvalPending(UUID requestId, String device, boolean on, Source source) {
        call(() -> {
            sessions.forEach((site, s) -> {
                s.approvalPending(requestId, device, on, source);
                s.drainMemoryChange().ifPresent(change -> memory.save(site, change)); // it may undo a cooldown
            });
            return null;
        });
    }

    @Override
    public void approvalGranted(UUID requestId, String by) {
        call(() -> {
            sessions.values().forEach(s -> s.approvalGranted(requestId, by));
            fireAll();
            return null;
        });
    }

    @Override
    public void approvalResolved(UUID requestId) {
        call(() -> {
            sessions.values().forEach(s -> s.approvalResolved(requestId));
            fireAll();
            return null;
        });
    }

    @Override
    public List<Decision> decisions(Instant from, Instant to, String device) {
        return decisionRepository.find(from, to, device);
    }

    // ---- internals --------------------------------------------------------------------------

    /**
     * Hands rule-made decisions and a changed alarm to the output thread, which stores the decisions and tells the
     * control pipeline and notifications about them.
     */
    private void handle(String site, EngineSession session, List<Decision> decisions) {
        Optional<BatteryAlarmChanged> alarm = session.drainAlarmChange().map(change -> new BatteryAlarmChanged(site,
                change.from(), change.to(), change.soc(), change.loadsNotOff(), change.switchedOnByPerson(),
                Instant.now()));
        List<ActionProposed> proposals = new ArrayList<>();
        for (Decision d : decisions) {
            if (!stepSwitches.isEmpty() && stepSwitches.stream().anyMatch(w -> w.rule().equals(d.requestedBy()))) {
                stepDecisions.add(d); // for the workflow's next look (automate)
            }
            ActionRequest request = session.judgedRequest(d.requestId()).orElseGet(() -> new ActionRequest(
                    d.requestId(), d.device(), d.on(), d.source(), d.requestedBy(), "", d.decidedAt()));
            proposals.add(new ActionProposed(request, d));
        }
        session.drainMemoryChange().ifPresent(change -> memory.save(site, change)); // queued, written elsewhere
        Instant now = session.now();
        List<Object> wanted = session.drainAutomationWishes().stream().map(w -> w instanceof ModeWish m
                ? (Object) new IfThenWantsMode(site, m.rule(), m.mode(), now)
                : (Object) new IfThenNotifies(site, ((NotifyWish) w).rule(), ((NotifyWish) w).message(),
                        ((NotifyWish) w).critical(), now)).toList();
        if (alarm.isEmpty() && proposals.isEmpty() && wanted.isEmpty()) {
            return;
        }
        output.execute(() -> {
            alarm.ifPresent(a -> inOneTransaction(a, () -> events.publishEvent(a)));
            wanted.forEach(w -> inOneTransaction(w, () -> {
                if (w instanceof IfThenNotifies n) {
                    decisionRepository.recordNotice(n.rule(), n.at(), n.critical());
                }
                events.publishEvent(w);
            }));
            for (ActionProposed proposed : proposals) {
                inOneTransaction(proposed, () -> {
                    decisionRepository.save(site, proposed.request(), proposed.decision());
                    events.publishEvent(proposed);
                });
            }
        });
    }

    /**
     * On the output thread: a decision is stored and its event published in one transaction, so the publication
     * registry keeps the event exactly when the decision is stored, and listeners after commit (mail, SMS) find it
     * stored. A failure loses only this one; the next is tried.
     */
    private void inOneTransaction(Object event, Runnable storeAndPublish) {
        try {
            transactions.executeWithoutResult(status -> storeAndPublish.run());
        } catch (RuntimeException e) {
            log.error("Could not store or pass on what the rules decided: " + event, e);
        }
    }

    /** Queues work on the engine thread without waiting; once the engine has stopped (shutdown), work is dropped. */
    private void queue(Runnable work) {
        try {
            engineThread.execute(work);
        } catch (TaskRejectedException e) {
            log.debug("Engine stopped; not queued: " + e.getMessage());
        }
    }

    /** Reads what a site's session starts from, once, on the calling thread (not the engine's). */
    private void prepare(String site) {
        if (confirmationMode == null) {
            ConfirmationSetting setting = confirmationSetting.getIfAvailable();
            confirmationMode = setting == null ? ConfirmationMode.NEVER : setting.confirmationMode();
        }
        if (!prepared.contains(site)) {
            synchronized (prepared) {
                if (!prepared.contains(site)) {
                    starts.put(site, new SessionStart(memory.load(site), lockRepository.findAll()));
                    prepared.add(site);
                }
            }
        }
    }

    private EngineSession session(String site) {
        return sessions.computeIfAbsent(site, key -> {
            EngineSession s = EngineSession.start(rules, properties.clock(), properties.zone(), Instant.now(),
                    siteMode.applyTo(preferences).toSettings(), version);
            s.setEmergencyStop(emergencyStop);
            applyModeAndPreferences(s);
            s.useScheduledSwitches(allSwitches());
            s.useWatchedConditions(watchedConditions);
            SessionStart start = starts.remove(key);
            if (start == null) {
                // Not prepared (cannot happen through the facade): start empty rather than read here.
                log.warn("Engine session for " + key + " started without its memory and locks");
                return s;
            }
            start.locks().forEach(l -> s.lock(l.device(), l.by(), l.reason()));
            // Before any reading, request or tick: a restart must not forget a hold, cooldown or alarm.
            s.remember(start.memory());
            return s;
        });
    }

    /** The registry changed: the next reading reloads the engine's copy (device types and rated power). */
    @TransactionalEventListener(fallbackExecution = true)
    void onDevicesChanged(DevicesChanged changed) {
        devicesLoaded = Instant.EPOCH;
    }

    private Optional<Device> device(String name) {
        Instant now = Instant.now();
        boolean unknown = !devices.containsKey(name) && now.isAfter(devicesLoaded.plus(UNKNOWN_DEVICE_RELOAD));
        if (unknown || now.isAfter(devicesLoaded.plus(DEVICE_CACHE))) {
            try {
                Map<String, Device> byName = new HashMap<>();
                registry.findAll().forEach(d -> byName.put(d.name(), d));
                devices = byName;
                devicesLoaded = Instant.now();
            } catch (RuntimeException e) {
                log.warn("Device registry unavailable, keeping the known devices: " + e.getMessage());
            }
        }
        return Optional.ofNullable(devices.get(name));
    }

    private <T> T call(Callable<T> work) {
        Future<T> future = engineThread.submit(work);
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the rules engine", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new IllegalStateException("the rules engine did not answer within " + CALL_TIMEOUT);
        }
    }

    /**
     * The engine thread finishes its queue and closes the sessions, then the output thread stores and publishes what
     * they produced (each waits up to 10 s); the memory store writes what is pending after this, so the last fires'
     * changes reach it first. Spring shuts both executors down again afterwards, which then does nothing. An executor
     * paused by its lifecycle (a test's cached context not in use) is resumed first, or its queue would never run.
     */
    @PreDestroy
    void stop() {
        engineThread.start();
        output.start();
        queue(() -> sessions.values().forEach(EngineSession::close));
        engineThread.shutdown();
        output.shutdown();
    }
}
