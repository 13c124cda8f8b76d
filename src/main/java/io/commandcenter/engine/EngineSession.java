package io.commandcenter.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.facts.HoldingSince;
import io.commandcenter.engine.facts.IfThenHolds;
import io.commandcenter.engine.facts.BatteryAlarm;
import io.commandcenter.engine.facts.Approved;
import io.commandcenter.engine.facts.BatteryLevel;
import io.commandcenter.engine.facts.Confirmation;
import io.commandcenter.engine.facts.ConfirmationMode;
import io.commandcenter.engine.facts.HeldUntil;
import io.commandcenter.engine.facts.ActiveMode;
import io.commandcenter.engine.facts.OwnersRule;
import io.commandcenter.engine.facts.ScheduledSwitch;
import io.commandcenter.engine.facts.ModeWish;
import io.commandcenter.engine.facts.NotifyWish;
import io.commandcenter.engine.facts.SolarForecast;
import io.commandcenter.engine.facts.TableRule;
import io.commandcenter.engine.facts.TableTest;
import io.commandcenter.engine.facts.BatteryOutlook;
import io.commandcenter.engine.facts.BatteryNow;
import io.commandcenter.engine.facts.BelowPauseThreshold;
import io.commandcenter.engine.facts.CurrentTime;
import io.commandcenter.engine.facts.DeviceLock;
import io.commandcenter.engine.facts.DevicePower;
import io.commandcenter.engine.facts.DeviceStatus;
import io.commandcenter.engine.facts.EmergencyStop;
import io.commandcenter.engine.facts.HoldGranted;
import io.commandcenter.engine.facts.LastCommand;
import io.commandcenter.engine.facts.LastProposal;
import io.commandcenter.engine.facts.PendingApproval;
import io.commandcenter.engine.facts.PowerFlow;
import io.commandcenter.engine.facts.PowerNow;
import io.commandcenter.engine.facts.RequestConclusion;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.engine.facts.Block;
import io.commandcenter.engine.facts.Verdict;
import org.kie.api.KieServices;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.QueryResults;
import org.kie.api.runtime.rule.QueryResultsRow;
import org.kie.api.time.SessionPseudoClock;

/**
 * One site's live rules session, without Spring. Not thread-safe by design: exactly one thread
 * owns it (the engine thread in production, the caller in tests, dry runs and the benchmark).
 *
 * <p>Readings go in as events and update the "now" state facts; {@link #fire()} runs the rules
 * and turns every action request the rules judged into a {@link Decision} with the rules that led
 * to it. Works with the real-time clock or a pseudo clock ({@link #advanceTo(Instant)}).
 */
public final class EngineSession implements AutoCloseable {

    public enum ClockMode { REALTIME, PSEUDO }

    /**
     * The key under which a decision's facts list the readings and time in force when it was made.
     * Rules test readings with "exists" (so they re-run only when a bound is crossed) and therefore
     * do not bind them; this snapshot says what they saw.
     */
    public static final String READINGS_IN_FORCE = "readings in force";

    /** Rule-inserted requests are judged in the same call; this bounds runaway rule chains. */
    private static final int MAX_ROUNDS = 10;

    private RuleSet rules;
    private final ClockMode clockMode;
    private final ZoneId zone;
    private final KieSession session;
    private final Explainer explainer = new Explainer();
    private int version;
    // The owner's table rows and their distinct tests as facts (rules/tables.drl), replaced together on a change.
    private final List<FactHandle> tableRules = new ArrayList<>();
    private final List<FactHandle> scheduledHandles = new ArrayList<>();
    private List<ScheduledSwitch> scheduled = List.of();
    private final List<FactHandle> watchedHandles = new ArrayList<>();
    private List<WatchedCondition> watched = List.of();
    private boolean closed;

    // Facts the engine (not the rules) owns, by key, so they can be replaced and carried over on a swap.
    private final Map<Object, FactHandle> stateHandles = new HashMap<>();
    private final Map<Object, Object> stateFacts = new LinkedHashMap<>();
    /** Waiting requests a manual command took over since the last {@link #drainSuperseded()}. */
    private final List<UUID> superseded = new ArrayList<>();
    private final List<FactHandle> newRequests = new ArrayList<>();
    private final Map<UUID, ActionRequest> judged = new HashMap<>();
    // Conclusions about live requests, kept by the listener so a decision never scans working memory.
    private final Map<UUID, List<Object>> conclusionsByRequest = new HashMap<>();
    private FactHandle timeHandle;
    private long timeMinute = -1;
    // The latest solar forecast hour by hour; its SolarForecast facts are worked out again as the hours pass.
    private List<SolarForecast.Hour> forecastHours = List.of();
    private long forecastIssuedAt;
    private long forecastHour = -1;
    // For the battery outlook: the reading before the latest one, and the energy the battery gave
    // (by the inverter's flows) since the charge last read a different value.
    private BatteryNow previousBattery;
    private double socAtLastChange = Double.NaN;
    private double drawnSinceChangeWh;
    // What a recent allowed decision replaced, and the command it recorded, until control says what became of it:
    // a command that was not carried out must not hold the device (commandSettled), and one that waits for a
    // person never ran, so it must not start a cooldown (approvalPending). Bounded: outcomes come within a minute.
    private final Map<UUID, Object[]> replacedByDecision = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Object[]> eldest) {
            return size() > 256;
        }
    };
    // The low-battery alarm last reported (drainAlarmChange), to tell raised from cleared.
    private BatteryAlarm reportedAlarm;
    // The alarm in the session now, kept by the listener so a firing never scans working memory for it.
    private BatteryAlarm alarmInSession;
    // What changed in the memory since drainMemoryChange: the keys of last commands and proposals,
    // and whether the battery's memory (pause threshold, alarm) did.
    private final Set<Object> changedMemory = new LinkedHashSet<>();
    private boolean batteryMemoryChanged;

    private EngineSession(RuleSet rules, ClockMode clockMode, ZoneId zone, long startMillis, int version) {
        this.rules = rules;
        this.clockMode = clockMode;
        this.zone = zone;
        this.version = version;
        KieSessionConfiguration conf = KieServices.Factory.get().newKieSessionConfiguration();
        conf.setOption(clockMode == ClockMode.PSEUDO ? ClockTypeOption.PSEUDO : ClockTypeOption.REALTIME);
        this.session = rules.kieBase().newKieSession(conf, null);
        if (clockMode == ClockMode.PSEUDO && startMillis > 0) {
            pseudoClock().advanceTime(startMillis, TimeUnit.MILLISECONDS);
        }
        session.addEventListener((org.kie.api.event.rule.AgendaEventListener) explainer);
        session.addEventListener((RuleRuntimeEventListener) explainer);
        rules.tableRules().forEach(r -> tableRules.add(session.insert(r)));
        rules.tableTests().forEach(t -> tableRules.add(session.insert(t)));
        rules.ifThenFacts().forEach(f -> tableRules.add(session.insert(f)));
    }

    /**
     * A new session. With a pseudo clock, time starts at {@code start} and moves only by
     * {@link #advanceTo(Instant)}; with the real-time clock {@code start} is ignored.
     */
    public static EngineSession start(RuleSet rules, ClockMode clockMode, ZoneId zone, Instant start,
                                      SiteSettings settings, int ruleSetVersion) {
        EngineSession s = new EngineSession(rules, clockMode, zone, start == null ? 0 : start.toEpochMilli(),
                ruleSetVersion);
        s.setSettings(settings);
        s.setEmergencyStop(EmergencyStop.released());
        return s;
    }

    /**
     * A new session on {@code newRules} that carries over every fact the engine owns (settings,
     * device states, last commands, live readings) and the clock. Call on the owning thread between
     * two readings, so no reading is lost. This session is closed afterwards. The new rules have
     * not run yet: the caller fires them and handles what they decide, like after any other input.
     */
    public EngineSession switchTo(RuleSet newRules, int newVersion) {
        if (newRules.kieBase() == rules.kieBase()) {
            // Only the tables changed: their rows are facts, so this session stays and only they are replaced.
            tableRules.forEach(session::delete);
            tableRules.clear();
            newRules.tableRules().forEach(r -> tableRules.add(session.insert(r)));
            newRules.tableTests().forEach(t -> tableRules.add(session.insert(t)));
            newRules.ifThenFacts().forEach(f -> tableRules.add(session.insert(f)));
            rules = newRules;
            version = newVersion;
            return this;
        }
        EngineSession next = new EngineSession(newRules, clockMode, zone, nowMillis(), newVersion);
        List<Object> events = new ArrayList<>();
        for (Class<?> type : List.of(BatteryLevel.class, PowerFlow.class, DevicePower.class)) {
            events.addAll(session.getObjects(new ClassObjectFilter(type)));
        }
        events.sort(Comparator.comparingLong(EngineSession::eventTime));
        events.forEach(next.session::insert);
        stateFacts.forEach(next::putState);
        // What the rules remember on their own (not derived, so it would not come back by itself).
        session.getObjects(new ClassObjectFilter(BelowPauseThreshold.class)).forEach(next.session::insert);
        session.getObjects(new ClassObjectFilter(BatteryAlarm.class)).forEach(next.session::insert);
        next.reportedAlarm = reportedAlarm;
        next.previousBattery = previousBattery;
        next.socAtLastChange = socAtLastChange;
        next.drawnSinceChangeWh = drawnSinceChangeWh;
        next.replacedByDecision.putAll(replacedByDecision);
        // Carried over, not changed: only what this session had not handed out yet is still to be stored.
        next.changedMemory.clear();
        next.changedMemory.addAll(changedMemory);
        next.batteryMemoryChanged = batteryMemoryChanged;
        next.forecastHours = forecastHours;
        next.forecastIssuedAt = forecastIssuedAt;
        next.forecastHour = forecastHour;
        next.useScheduledSwitches(scheduled);
        next.useWatchedConditions(watched);
        // Since when an owner's conditions hold is memory, not a conclusion: "for 10 minutes" must not start over.
        session.getObjects(new ClassObjectFilter(HoldingSince.class)).forEach(next.session::insert);
        close();
        return next;
    }

    // ---- memory across restarts -------------------------------------------------------------

    /**
     * What the session remembers that no reading brings back: each device's last command (a person's
     * hold, whether it was carried out, a protective off in progress) and automation's last proposal
     * (its cooldown), the first reading below the miner pause threshold, and the low-battery alarm the
     * owner was told about. Settings, the emergency stop, locks and waiting approvals are stored by
     * their owners; readings come again.
     */
    public record Memory(List<LastCommand> lastCommands, List<LastProposal> lastProposals,
                         BelowPauseThreshold belowPauseThreshold, BatteryAlarm batteryAlarm) {

        public static final Memory NOTHING = new Memory(List.of(), List.of(), null, null);

        public Memory {
            lastCommands = List.copyOf(lastCommands);
            lastProposals = List.copyOf(lastProposals);
        }
    }

    /**
     * What changed in the memory: the devices' entries that changed and those forgotten, and, when
     * {@code batteryChanged}, the battery's memory as it is now (null fields: nothing remembered).
     */
    public record MemoryChange(List<LastCommand> lastCommands, Set<String> commandsForgotten,
                               List<LastProposal> lastProposals, Set<String> proposalsForgotten,
                               boolean batteryChanged, BelowPauseThreshold belowPauseThreshold,
                               BatteryAlarm batteryAlarm) {

        public MemoryChange {
            lastCommands = List.copyOf(lastCommands);
            commandsForgotten = Set.copyOf(commandsForgotten);
            lastProposals = List.copyOf(lastProposals);
            proposalsForgotten = Set.copyOf(proposalsForgotten);
        }

        /** This change and then {@code later} as one: the later entry for a device wins. */
        public MemoryChange followedBy(MemoryChange later) {
            Map<String, LastCommand> commands = new LinkedHashMap<>();
            lastCommands.forEach(c -> commands.put(c.device(), c));
            Set<String> commandsGone = new LinkedHashSet<>(commandsForgotten);
            later.lastCommands.forEach(c -> {
                commands.put(c.device(), c);
                commandsGone.remove(c.device());
            });
            later.commandsForgotten.forEach(d -> {
                commands.remove(d);
                commandsGone.add(d);
            });
            Map<String, LastProposal> proposals = new LinkedHashMap<>();
            lastProposals.forEach(p -> proposals.put(p.device(), p));
            Set<String> proposalsGone = new LinkedHashSet<>(proposalsForgotten);
            later.lastProposals.forEach(p -> {
                proposals.put(p.device(), p);
                proposalsGone.remove(p.device());
            });
            later.proposalsForgotten.forEach(d -> {
                proposals.remove(d);
                proposalsGone.add(d);
            });
            MemoryChange battery = later.batteryChanged ? later : this;
            return new MemoryChange(List.copyOf(commands.values()), commandsGone, List.copyOf(proposals.values()),
                    proposalsGone, battery.batteryChanged, battery.belowPauseThreshold, battery.batteryAlarm);
        }
    }

    /** Everything the session remembers now (see {@link Memory}). */
    public Memory memory() {
        List<LastCommand> commands = new ArrayList<>();
        List<LastProposal> proposals = new ArrayList<>();
        for (Object fact : stateFacts.values()) {
            if (fact instanceof LastCommand c) {
                commands.add(c);
            } else if (fact instanceof LastProposal p) {
                proposals.add(p);
            }
        }
        return new Memory(commands, proposals, first(BelowPauseThreshold.class), first(BatteryAlarm.class));
    }

    /**
     * Restores what a session remembered (before a restart) into this one, before any reading, request
     * or tick reaches it. Entries that ended meanwhile (a hold, a cooldown) end by the rules' clock on
     * the first fire. The alarm counts as told: the owner does not get it again.
     */
    public void remember(Memory memory) {
        memory.lastCommands().forEach(c -> putState(key(LastCommand.class, c.device()), c));
        memory.lastProposals().forEach(p -> putState(key(LastProposal.class, p.device()), p));
        for (Class<?> type : List.of(BelowPauseThreshold.class, BatteryAlarm.class)) {
            List<FactHandle> handles = new ArrayList<>(session.<FactHandle>getFactHandles(new ClassObjectFilter(type)));
            handles.forEach(session::delete);
        }
        if (memory.belowPauseThreshold() != null) {
            session.insert(memory.belowPauseThreshold());
        }
        if (memory.batteryAlarm() != null) {
            session.insert(memory.batteryAlarm());
        }
        reportedAlarm = memory.batteryAlarm();
        changedMemory.clear(); // it came from the store
        batteryMemoryChanged = false;
    }

    /** What changed in the memory since the last call (or {@link #remember}); empty when nothing did. */
    public Optional<MemoryChange> drainMemoryChange() {
        if (changedMemory.isEmpty() && !batteryMemoryChanged) {
            return Optional.empty();
        }
        List<LastCommand> commands = new ArrayList<>();
        Set<String> commandsForgotten = new LinkedHashSet<>();
        List<LastProposal> proposals = new ArrayList<>();
        Set<String> proposalsForgotten = new LinkedHashSet<>();
        for (Object key : changedMemory) {
            List<?> typeAndDevice = (List<?>) key;
            String device = (String) typeAndDevice.get(1);
            Object fact = stateFacts.get(key);
            if (typeAndDevice.get(0) == LastCommand.class) {
                if (fact == null) {
                    commandsForgotten.add(device);
                } else {
                    commands.add((LastCommand) fact);
                }
            } else if (fact == null) {
                proposalsForgotten.add(device);
            } else {
                proposals.add((LastProposal) fact);
            }
        }
        MemoryChange change = new MemoryChange(commands, commandsForgotten, proposals, proposalsForgotten,
                batteryMemoryChanged, batteryMemoryChanged ? first(BelowPauseThreshold.class) : null,
                batteryMemoryChanged ? first(BatteryAlarm.class) : null);
        changedMemory.clear();
        batteryMemoryChanged = false;
        return Optional.of(change);
    }

    private <T> T first(Class<T> type) {
        List<T> found = facts(type);
        return found.isEmpty() ? null : found.get(0);
    }

    private static boolean isMemory(Object key) {
        return key instanceof List<?> l && (l.get(0) == LastCommand.class || l.get(0) == LastProposal.class);
    }

    // ---- input ------------------------------------------------------------------------------

    /** A reading older than the one the rules already know is dropped: a fact never replaces a newer one. */
    public void insertBattery(BatteryLevel reading) {
        BatteryNow known = (BatteryNow) stateFacts.get(BatteryNow.class);
        if (known != null && reading.at() < known.at()) {
            return;
        }
        session.insert(reading);
        BatteryNow now = new BatteryNow(reading.soc(), reading.at());
        if (known != null && known.at() < now.at()) {
            previousBattery = known;
        }
        if (Double.isNaN(socAtLastChange) || known == null || known.soc() != now.soc()) {
            socAtLastChange = now.soc();
            drawnSinceChangeWh = 0;
        }
        putState(BatteryNow.class, now);
        refreshOutlook();
    }

    public void insertPower(PowerFlow reading) {
        PowerNow known = (PowerNow) stateFacts.get(PowerNow.class);
        if (known != null && reading.at() < known.at()) {
            return;
        }
        session.insert(reading);
        if (known != null && reading.at() > known.at()) {
            // The flows in force since the previous inverter reading, at most one reading interval's worth.
            long dt = Math.min(reading.at() - known.at(), 15 * 60_000L);
            drawnSinceChangeWh += netDraw(known) * dt / 3_600_000.0;
        }
        putState(PowerNow.class, new PowerNow(reading.pv(), reading.load(), reading.grid(), reading.at()));
        refreshOutlook();
    }

    /** The inverter's flows are no longer known (its cloud froze): rules stop acting on the last ones. */
    public void forgetPower() {
        removeState(PowerNow.class);
        refreshOutlook();
    }

        /** Watts the battery supplies at these flows: load not covered by solar or grid (negative while charging). */
    private static double netDraw(PowerNow p) {
        return p.load() - p.pv() - p.grid();
    }

    /**
     * Where the charge will be when the next battery reading is due, from the present net draw and
     * the battery's capacity, starting from what the energy drawn since the charge last changed says
     * (a reading that stays put while the battery gives kilowatts is not believed). Without the
     * capacity: the reading itself.
     */
    private void refreshOutlook() {
        BatteryNow battery = (BatteryNow) stateFacts.get(BatteryNow.class);
        SiteSettings settings = (SiteSettings) stateFacts.get(SiteSettings.class);
        if (battery == null || settings == null) {
            return;
        }
        long every = Math.max(60_000, settings.batteryReadingEveryMillis());
        if (previousBattery != null) {
            every = Math.max(every, battery.at() - previousBattery.at());
        }
        long due = battery.at() + every;
        PowerNow power = (PowerNow) stateFacts.get(PowerNow.class);
        double projected;
        double draw;
        String basis;
        if (settings.batteryCapacityWh() > 0 && power != null) {
            draw = netDraw(power);
            double hours = every / 3_600_000.0;
            // Counted 10 % high (wiring, inverter and battery losses): a reading that does not move is
            // replaced by an estimate that errs low, never high.
            double start = Math.min(battery.soc(), socAtLastChange - Math.max(0, drawnSinceChangeWh) * 1.1
                    / settings.batteryCapacityWh() * 100);
            projected = start - Math.max(0, draw) * hours / settings.batteryCapacityWh() * 100;
            basis = "net draw " + Math.round(draw) + " W on " + Math.round(settings.batteryCapacityWh()) + " Wh for "
                    + every / 60_000 + " min" + (start < battery.soc() - 0.05
                    ? ", the reading has not moved while the battery gave " + Math.round(drawnSinceChangeWh) + " Wh" : "");
        } else {
            // Without the capacity there is no honest projection (a trend of two readings jumps with
            // every glitch): the floor acts on the readings alone. The settings page asks for it.
            draw = power == null ? Double.NaN : netDraw(power);
            projected = battery.soc();
            basis = settings.batteryCapacityWh() > 0 ? "no inverter reading yet" : "battery capacity not set";
        }
        projected = Math.round(Math.max(0, Math.min(100, projected)) * 10) / 10.0;
        BatteryOutlook outlook = new BatteryOutlook(battery.soc(), projected,
                Double.isNaN(draw) ? 0 : Math.round(draw), due, basis);
        if (!outlook.equals(stateFacts.get(BatteryOutlook.class))) {
            putState(BatteryOutlook.class, outlook);
        }
    }

    /**
     * A relay reading; {@code type} and {@code ratedPower} come from the device registry. A device
     * registered without its rating (discovered ones) is rated at the most it was seen drawing, so
     * the grid limit does not take it for a load of 0 W.
     */
    public void insertDevice(DevicePower reading, DeviceType type, double ratedPower) {
        insertDevice(reading, type, ratedPower, false);
    }

    /** As above, for a device the owner marked essential or not (the battery floor never sheds essential ones). */
    public void insertDevice(DevicePower reading, DeviceType type, double ratedPower, boolean essential) {
        Object key = key(DeviceStatus.class, reading.device());
        DeviceStatus known = (DeviceStatus) stateFacts.get(key);
        if (known != null && reading.at() < known.at()) {
            return; // older than what the rules know
        }
        session.insert(reading);
        // Offline or not reported is unknown, never "off": the floor still sheds it when it comes back.
        Boolean on = reading.online() ? reading.on() : null;
        DeviceType knownType = type == null ? DeviceType.OTHER : type;
        if (ratedPower <= 0) {
            double seen = reading.watts() == null ? 0 : reading.watts();
            double before = known == null ? 0 : known.ratedPower();
            // Only a clearly higher draw counts, so small swings do not re-run the rules.
            ratedPower = seen > before * 1.1 ? seen : before;
        }
        // Most relay readings repeat what the rules already know; updating anyway would re-run every
        // rule on the device for nothing. The reading itself is still in the session as an event.
        if (known == null || known.online() != reading.online() || !Objects.equals(known.on(), on)
                || known.type() != knownType || known.ratedPower() != ratedPower || known.essential() != essential) {
            putState(key, new DeviceStatus(reading.device(), knownType, ratedPower, reading.online(), on, reading.at(),
                    essential));
        }
        Object commandKey = key(LastCommand.class, reading.device());
        LastCommand command = (LastCommand) stateFacts.get(commandKey);
        if (command != null && !command.carriedOut() && reading.online() && Objects.equals(command.on(), on)
                && reading.at() >= command.at()) {
            putState(commandKey, command.asCarriedOut());
        }
    }

    public void setSettings(SiteSettings settings) {
        putState(SiteSettings.class, Objects.requireNonNull(settings));
        refreshOutlook();
    }

    public void setEmergencyStop(EmergencyStop stop) {
        putState(EmergencyStop.class, stop);
    }

    /** The site mode in force, by name: a fact for rules, and named in every decision's explanation. */
    public void setActiveMode(String name) {
        putState(ActiveMode.class, new ActiveMode(name));
    }

    public void setConfirmationMode(ConfirmationMode mode) {
        putState(Confirmation.class, new Confirmation(mode));
    }

    public void lock(String device, String by, String reason) {
        putState(key(DeviceLock.class, device), new DeviceLock(device, by, reason));
    }

    public void unlock(String device) {
        removeState(key(DeviceLock.class, device));
    }

    /** A request waits for a person (held, or known from before a restart); it blocks contradicting ones. */
    public void approvalPending(UUID requestId, String device, boolean on, Source source) {
        putState(key(PendingApproval.class, requestId), new PendingApproval(requestId, device, on, source));
        // An automated action the rules allowed now waits for a person: it has not run, so it neither
        // starts a cooldown nor takes the device (the miners' pause must not wait on an unanswered question).
        Object[] replaced = replacedByDecision.remove(requestId);
        if (replaced != null) {
            restore(key(LastCommand.class, device), replaced[0]);
            restore(key(LastProposal.class, device), replaced[1]);
        }
    }

    /**
     * Control's answer to an allowed command. Carried out: it stands (and counts as done). Not carried out (not
     * sent, failed, halted): the device goes back to whatever held it before, so a refused manual command leaves no
     * hold. The automation's proposal stays, so its cooldown still spaces out retries. A protective off stays
     * standing either way: the battery floor keeps shedding until a reading shows the load off. Only the command
     * this request recorded is touched; a later one on the same device is left alone.
     */
    public void commandSettled(UUID requestId, boolean carriedOut) {
        Object[] replaced = replacedByDecision.remove(requestId);
        if (replaced == null || !(replaced[2] instanceof LastCommand made)) {
            return; // decided before a restart or long ago, or waiting for approval
        }
        Object key = key(LastCommand.class, made.device());
        if (!(stateFacts.get(key) instanceof LastCommand current)
                || !current.asCarriedOut().equals(made.asCarriedOut())) {
            return;
        }
        if (carriedOut) {
            if (!current.carriedOut()) {
                putState(key, current.asCarriedOut());
            }
        } else if (made.source() != Source.SAFETY) {
            restore(key, replaced[0]);
        }
    }

    private void restore(Object key, Object before) {
        if (before == null) {
            removeState(key);
        } else {
            putState(key, before);
        }
    }

    /** A person approved or rejected a waiting request; it no longer blocks others. */
    public void approvalResolved(UUID requestId) {
        removeState(key(PendingApproval.class, requestId));
    }

    public void approvalGranted(UUID requestId, String by) {
        removeState(key(PendingApproval.class, requestId));
        putState(key(Approved.class, requestId), new Approved(requestId, by));
    }

    /**
     * The waiting requests that allowed manual commands took over since the last call, in order; each
     * was removed from the session when its device's manual command was allowed.
     */
    public List<UUID> drainSuperseded() {
        List<UUID> ids = List.copyOf(superseded);
        superseded.clear();
        return ids;
    }

    /** The schedules' due switches, replacing the ones before (ScheduleService works them out). */
    public void useScheduledSwitches(List<ScheduledSwitch> switches) {
        scheduledHandles.forEach(session::delete);
        scheduledHandles.clear();
        switches.forEach(s -> scheduledHandles.add(session.insert(s)));
        scheduled = List.copyOf(switches);
    }

    /** The conditions workflows wait or branch on, replacing the ones before. */
    public void useWatchedConditions(List<WatchedCondition> conditions) {
        watchedHandles.forEach(session::delete);
        watchedHandles.clear();
        conditions.forEach(c -> c.facts().forEach(f -> watchedHandles.add(session.insert(f))));
        watched = List.copyOf(conditions);
    }

    /** What the session sees now (call after {@link #fire()}), with the given decisions on workflow requests. */
    public SiteView view(List<Decision> decisions) {
        Set<String> names = new java.util.HashSet<>();
        watched.forEach(w -> names.add(w.name()));
        Set<String> holding = new java.util.HashSet<>();
        for (IfThenHolds h : facts(IfThenHolds.class)) {
            if (names.contains(h.rule())) {
                holding.add(h.rule());
            }
        }
        Map<String, DeviceStatus> devices = new HashMap<>();
        facts(DeviceStatus.class).forEach(d -> devices.put(d.device(), d));
        boolean stopped = facts(EmergencyStop.class).stream().anyMatch(EmergencyStop::active);
        return new SiteView(now(), names, holding, devices, stopped, decisions);
    }

    /** The site as the session sees it now (learning remembers it beside a person's answer). */
    public SiteSituation situation() {
        BatteryNow battery = facts(BatteryNow.class).stream().findFirst().orElse(null);
        PowerNow power = facts(PowerNow.class).stream().findFirst().orElse(null);
        String mode = facts(ActiveMode.class).stream().findFirst().map(ActiveMode::name).orElse(null);
        Double forecast = facts(SolarForecast.class).stream().filter(f -> f.hours() == 24).findFirst()
                .map(SolarForecast::kwh).orElse(null);
        ZonedDateTime local = now().atZone(zone);
        return new SiteSituation(now(), battery == null ? null : battery.soc(), power == null ? null : power.pv(),
                power == null ? null : power.load(), power == null ? null : power.grid(),
                local.getHour() * 60 + local.getMinute(), local.getDayOfWeek().getValue(), mode, forecast);
    }

    /** A new solar forecast: the SolarForecast facts are worked out from it now and again every hour. */
    public void useForecast(long issuedAt, List<SolarForecast.Hour> hours) {
        forecastIssuedAt = issuedAt;
        forecastHours = hours.stream().sorted(Comparator.comparingLong(SolarForecast.Hour::endsAt)).toList();
        forecastHour = -1;
        refreshForecast(nowMillis());
    }

    private void refreshForecast(long now) {
        long hour = now / 3_600_000L;
        if (hour == forecastHour) {
            return;
        }
        forecastHour = hour;
        for (int hours : SolarForecast.HORIZONS) {
            SolarForecast window = SolarForecast.over(hours, now, forecastIssuedAt, forecastHours);
            if (window == null) {
                removeState(key(SolarForecast.class, hours));
            } else {
                putState(key(SolarForecast.class, hours), window);
            }
        }
    }

    /** Pseudo clock only: moves time forward (never back). Expired readings leave on the next fire. */
    public void advanceTo(Instant time) {
        if (clockMode != ClockMode.PSEUDO) {
            throw new IllegalStateException("advanceTo needs the pseudo clock");
        }
        long delta = time.toEpochMilli() - nowMillis();
        if (delta > 0) {
            pseudoClock().advanceTime(delta, TimeUnit.MILLISECONDS);
        }
    }

    // ---- deciding ---------------------------------------------------------------------------

    /** Judges one request now and returns its decision; decisions on rule-made requests go to {@link #fire()}'s list. */
    public Decision evaluate(ActionRequest request, List<Decision> alsoDecided) {
        FactHandle handle = session.insert(request);
        newRequests.add(handle);
        Decision mine = null;
        for (Decision d : fire()) {
            if (d.requestId().equals(request.id())) {
                mine = d;
            } else {
                alsoDecided.add(d);
            }
        }
        return Objects.requireNonNull(mine, "request was not judged");
    }

    public Decision evaluate(ActionRequest request) {
        return evaluate(request, new ArrayList<>());
    }

    /** Runs the rules until they settle and returns the decisions on every request judged meanwhile. */
    public List<Decision> fire() {
        refreshTime();
        judged.clear();
        List<Decision> decisions = new ArrayList<>();
        try {
            session.fireAllRules();
            for (int round = 0; round < MAX_ROUNDS && !newRequests.isEmpty(); round++) {
                List<FactHandle> judged = new ArrayList<>(newRequests);
                newRequests.clear();
                for (FactHandle h : judged) {
                    decisions.add(decide(h));
                }
                // Judged once: a rule's proposal leaves the session with its decision, so a request
                // inserted logically is not judged again while its reason holds.
                for (FactHandle h : judged) {
                    session.delete(h);
                }
                conclusionsByRequest.clear();
                session.fireAllRules();
            }
        } catch (RuntimeException e) {
            // A rule threw: the requests of this firing were never judged. Left in the session they
            // would be judged next time beside new ones and refused as "outranked" (a false safety
            // block); they are dropped, and the failure goes to the caller.
            for (FactHandle h : List.copyOf(newRequests)) {
                if (session.getObject(h) != null) {
                    session.delete(h);
                }
            }
            newRequests.clear();
            conclusionsByRequest.clear();
            throw e;
        }
        return decisions;
    }

    /**
     * Reads what the rules concluded about one request: its verdict (decisions.drl), the objections behind a
     * block and the hold it grants or meets. The only judgement made here is the floor below.
     */
    private Decision decide(FactHandle handle) {
        ActionRequest request = (ActionRequest) session.getObject(handle);
        UUID id = request.id();
        judged.put(id, request);
        List<String> reasons = new ArrayList<>();
        Set<Outcome> verdicts = EnumSet.noneOf(Outcome.class);
        Long granted = null;
        Long heldUntil = null;
        List<Object> conclusions = new ArrayList<>();
        for (Object o : conclusionsByRequest.getOrDefault(id, List.of())) {
            conclusions.add(o);
            if (o instanceof Block b) {
                reasons.add(b.reason());
            } else if (o instanceof Verdict v) {
                verdicts.add(v.outcome());
            } else if (o instanceof HoldGranted h) {
                granted = h.until();
            } else if (o instanceof HeldUntil h) {
                heldUntil = h.until();
            }
        }
        Collections2.sortStrings(reasons);
        // decisions.drl gives each request exactly one verdict. Should a user's rule add a second, the most
        // cautious one stands; none at all (decisions.drl missing) is a block, never an allow.
        Outcome outcome;
        if (verdicts.contains(Outcome.BLOCKED)) {
            outcome = Outcome.BLOCKED;
        } else if (verdicts.contains(Outcome.NEEDS_APPROVAL)) {
            outcome = Outcome.NEEDS_APPROVAL;
        } else if (verdicts.contains(Outcome.ALLOWED)) {
            outcome = Outcome.ALLOWED;
        } else {
            outcome = Outcome.BLOCKED;
            reasons.add("the rules gave no verdict");
        }
        outcome = safetyFloor(request, outcome, reasons);
        Long holdUntil = switch (outcome) {
            case ALLOWED -> request.source() == Source.MANUAL ? granted : null;
            case BLOCKED -> heldUntil;
            case NEEDS_APPROVAL -> null;
        };
        Explainer.Explanation why = explainer.explain(request, conclusions);
        long now = nowMillis();
        record(request, outcome, outcome == Outcome.ALLOWED && holdUntil != null ? holdUntil : 0, now);
        Map<String, List<String>> facts = why.facts();
        Object mode = stateFacts.get(ActiveMode.class);
        if (mode != null) {
            facts = new java.util.LinkedHashMap<>(facts);
            facts.putIfAbsent("ActiveMode", List.of(mode.toString()));
        }
        return new Decision(id, request.device(), request.on(), request.source(), request.requestedBy(), outcome,
                List.copyOf(reasons), why.rules(), facts, holdUntil == null ? null : Instant.ofEpochMilli(holdUntil),
                Instant.ofEpochMilli(now), version);
    }

    /**
     * Belt and braces for the two hardest limits, which safety.drl already states: no load goes on at or
     * below critical charge, and no automated or agent action passes an emergency stop. They hold even if
     * a rule file is edited away or a user's rule allows what it should not; docs/rules.md lists them.
     */
    private Outcome safetyFloor(ActionRequest request, Outcome outcome, List<String> reasons) {
        if (outcome == Outcome.BLOCKED) {
            return outcome;
        }
        SiteSettings settings = (SiteSettings) stateFacts.get(SiteSettings.class);
        BatteryNow battery = (BatteryNow) stateFacts.get(BatteryNow.class);
        EmergencyStop stop = (EmergencyStop) stateFacts.get(EmergencyStop.class);
        if (request.on() && battery != null && battery.soc() <= settings.criticalSoc()) {
            reasons.add("engine safety floor: battery at " + battery.soc() + " %, at or below critical");
            return Outcome.BLOCKED;
        }
        // Protective offs act during a stop: STOP halts what could do harm, never the floor.
        if (stop != null && stop.active() && request.source() != Source.MANUAL && request.source() != Source.SAFETY) {
            reasons.add("engine safety floor: emergency stop");
            return Outcome.BLOCKED;
        }
        return outcome;
    }

    /** Remember what was decided, for cooldowns, holds and pending approvals. */
    private void record(ActionRequest request, Outcome outcome, long holdUntil, long now) {
        removeState(key(Approved.class, request.id())); // a yes counts for one judgement
        if (outcome == Outcome.ALLOWED && request.source() == Source.MANUAL) {
            // A person took the device: whatever waited for approval on it no longer applies.
            for (Object fact : List.copyOf(stateFacts.values())) {
                if (fact instanceof PendingApproval p && p.device().equals(request.device())
                        && !p.requestId().equals(request.id())) {
                    removeState(key(PendingApproval.class, p.requestId()));
                    superseded.add(p.requestId());
                }
            }
        }
        Object commandKey = key(LastCommand.class, request.device());
        Object proposalKey = key(LastProposal.class, request.device());
        // An agent's suggestion is only a suggestion: it is carried out (as a person's command) once
        // approved, so it takes no device and starts no cooldown now.
        if (outcome == Outcome.ALLOWED && request.source() != Source.AGENT) {
            // Reserved at once, so nothing of lower rank slips in while control carries it out; confirmed or
            // given back when control reports the outcome (commandSettled).
            LastCommand command = new LastCommand(request.device(), request.on(), request.source(),
                    request.requestedBy(), now, holdUntil, false);
            replacedByDecision.put(request.id(),
                    new Object[] {stateFacts.get(commandKey), stateFacts.get(proposalKey), command});
            putState(commandKey, command);
        }
        if (outcome == Outcome.NEEDS_APPROVAL) {
            putState(key(PendingApproval.class, request.id()),
                    new PendingApproval(request.id(), request.device(), request.on(), request.source()));
        }
        if (request.source() == Source.AUTOMATION) {
            putState(proposalKey, new LastProposal(request.device(), request.on(), now));
        }
    }

    /**
     * The low-battery alarm if it changed since the last call: raised, raised to critical, eased or
     * cleared. Empty when nothing changed. The rules keep the alarm (with hysteresis); this only
     * tells the engine's owner when to send a message.
     */
    /** Site modes and notifications if/then rules started wanting since the last call, for the engine to hand on. */
    public List<Object> drainAutomationWishes() {
        List<Object> wishes = List.copyOf(explainer.automationWishes);
        explainer.automationWishes.clear();
        return wishes;
    }

    public Optional<AlarmChange> drainAlarmChange() {
        BatteryAlarm current = alarmInSession;
        if (Objects.equals(current == null ? null : current.level(), reportedAlarm == null ? null : reportedAlarm.level())) {
            return Optional.empty();
        }
        BatteryAlarm before = reportedAlarm;
        reportedAlarm = current;
        BatteryNow battery = (BatteryNow) stateFacts.get(BatteryNow.class);
        List<DeviceStatus> stillOn = new ArrayList<>();
        List<String> switchedOnByPerson = new ArrayList<>();
        for (Object fact : stateFacts.values()) {
            if (fact instanceof DeviceStatus d && !d.essential() && !d.knownOff()) {
                stillOn.add(d);
                LastCommand c = (LastCommand) stateFacts.get(key(LastCommand.class, d.device()));
                if (c != null && c.on() && c.source() == Source.MANUAL) {
                    switchedOnByPerson.add(d.device());
                }
            }
        }
        return Optional.of(new AlarmChange(before == null ? null : before.level(),
                current == null ? null : current.level(), battery == null ? Double.NaN : battery.soc(),
                stillOn.stream().map(DeviceStatus::device).sorted().toList(), List.copyOf(switchedOnByPerson)));
    }

    /**
     * A change of the low-battery alarm. {@code from}/{@code to} are null for "no alarm".
     *
     * @param loadsNotOff      non-essential loads not known to be off (on, or unknown)
     * @param switchedOnByPerson those of them a person switched on: below the minimum the floor leaves
     *                           them to the owner (this is their warning); at critical it sheds them too
     */
    public record AlarmChange(BatteryAlarm.Level from, BatteryAlarm.Level to, double soc, List<String> loadsNotOff,
                              List<String> switchedOnByPerson) {
    }

    // ---- reading the session ----------------------------------------------------------------

    /** Rows of a named DRL query; each row maps the query's bound names to facts. */
    public List<Map<String, Object>> query(String name) {
        if (!rules.queries().contains(name)) {
            throw new IllegalArgumentException("unknown query " + name);
        }
        QueryResults results = session.getQueryResults(name);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QueryResultsRow row : results) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String id : results.getIdentifiers()) {
                values.put(id.startsWith("$") ? id.substring(1) : id, row.get(id));
            }
            rows.add(values);
        }
        return rows;
    }

    /** A request judged by the latest {@link #fire()}, with the reason its rule gave. */
    public Optional<ActionRequest> judgedRequest(UUID id) {
        return Optional.ofNullable(judged.get(id));
    }

    /** All facts of one type, e.g. to assert on conclusions in tests. */
    public <T> List<T> facts(Class<T> type) {
        List<T> list = new ArrayList<>();
        for (Object o : session.getObjects(new ClassObjectFilter(type))) {
            list.add(type.cast(o));
        }
        return list;
    }

    public long factCount() {
        return session.getFactCount();
    }

    public Instant now() {
        return Instant.ofEpochMilli(nowMillis());
    }

    public RuleSet rules() {
        return rules;
    }

    public int ruleSetVersion() {
        return version;
    }

    public SiteSettings settings() {
        return (SiteSettings) stateFacts.get(SiteSettings.class);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true; // a table edit keeps the session (switchTo returns it), so it may be closed twice
            session.dispose();
        }
    }

    // ---- internals --------------------------------------------------------------------------

    private long nowMillis() {
        return session.getSessionClock().getCurrentTime();
    }

    private SessionPseudoClock pseudoClock() {
        return session.getSessionClock();
    }

    /**
     * The rules see time at one-minute resolution: every change of CurrentTime re-runs each rule that
     * joins it (cooldowns, holds, time windows), and minutes are precise enough for all of them.
     */
    private void refreshTime() {
        long now = nowMillis();
        long minute = now / 60_000;
        if (minute == timeMinute) {
            return;
        }
        timeMinute = minute;
        refreshForecast(now);
        ZonedDateTime local = Instant.ofEpochMilli(now).atZone(zone);
        CurrentTime time = new CurrentTime(now, local.getHour() * 60 + local.getMinute(),
                local.getDayOfWeek().getValue());
        if (timeHandle == null) {
            timeHandle = session.insert(time);
        } else {
            session.update(timeHandle, time);
        }
    }

    private void putState(Object key, Object fact) {
        FactHandle handle = stateHandles.get(key);
        if (handle == null) {
            stateHandles.put(key, session.insert(fact));
        } else {
            session.update(handle, fact);
        }
        stateFacts.put(key, fact);
        if (isMemory(key)) {
            changedMemory.add(key);
        }
    }

    private void removeState(Object key) {
        FactHandle handle = stateHandles.remove(key);
        if (handle != null) {
            session.delete(handle);
        }
        if (stateFacts.remove(key) != null && isMemory(key)) {
            changedMemory.add(key);
        }
    }

    private static Object key(Class<?> type, Object id) {
        return List.of(type, id);
    }

    private static long eventTime(Object event) {
        if (event instanceof BatteryLevel b) return b.at();
        if (event instanceof PowerFlow p) return p.at();
        if (event instanceof DevicePower d) return d.at();
        return 0;
    }

    /** Small helper kept here so decisions list reasons in a stable order. */
    private static final class Collections2 {
        static void sortStrings(List<String> list) {
            list.sort(null);
        }
    }

    /**
     * Remembers which rule match inserted each conclusion, so a decision can list the chain of
     * rules behind it and the facts they saw. Facts are immutable records, so the snapshot is
     * exactly what the rule matched.
     */
    private final class Explainer extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

        record Derivation(String rule, List<Object> objects) {
        }

        record Explanation(List<String> rules, Map<String, List<String>> facts) {
        }

        // By identity: the very object a rule inserted (hashing records field by field costs more).
        private final Map<Object, Derivation> derivedBy = new IdentityHashMap<>();
        // Mode and notification wishes of if/then rules as they appear, drained after each fire.
        private final List<Object> automationWishes = new ArrayList<>();
        // Settings, device states and the clock appear in one decision after another: a record's
        // text never changes, so it is written once (bounded; it is only a cache).
        private final Map<Object, String> texts = new IdentityHashMap<>();
        private Derivation firing;

        String text(Object fact) {
            if (!(fact instanceof Record)) {
                return String.valueOf(fact);
            }
            if (texts.size() > 4096) {
                texts.clear();
            }
            return texts.computeIfAbsent(fact, String::valueOf);
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            List<Object> objects = List.copyOf(event.getMatch().getObjects());
            firing = new Derivation(name(event.getMatch().getRule(), objects), objects);
        }

        /**
         * A rule's name in explanations. The generic rules over the owner's data ({@code @explainAs}: tables,
         * if/then rules, schedules) are named by the {@link OwnersRule} they matched, as the owner wrote it.
         */
        private static String name(org.kie.api.definition.rule.Rule rule, List<Object> objects) {
            Object as = rule.getMetaData().get("explainAs");
            if (as != null) {
                for (Object o : objects) {
                    if (o instanceof OwnersRule owners) {
                        return owners.explainedAs();
                    }
                }
            }
            return rule.getName();
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            firing = null;
        }

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            noteBatteryMemory(event.getObject());
            noteAlarm(event.getObject(), true);
            if (event.getObject() instanceof ModeWish || event.getObject() instanceof NotifyWish) {
                automationWishes.add(event.getObject());
            }
            if (event.getObject() instanceof RequestConclusion c) {
                conclusionsByRequest.computeIfAbsent(c.requestId(), k -> new ArrayList<>()).add(c);
            }
            if (firing != null) {
                derivedBy.put(event.getObject(), firing);
                if (event.getObject() instanceof ActionRequest) {
                    newRequests.add(event.getFactHandle());
                }
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            noteBatteryMemory(event.getObject());
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            noteBatteryMemory(event.getOldObject());
            noteAlarm(event.getOldObject(), false);
            if (event.getOldObject() instanceof RequestConclusion c) {
                List<Object> list = conclusionsByRequest.get(c.requestId());
                if (list != null) {
                    list.remove(c);
                }
            }
            if (event.getOldObject() instanceof ActionRequest) {
                // A proposal whose reason went before the rules settled (inserted logically) is not judged.
                newRequests.remove(event.getFactHandle());
            }
            if (!derivedBy.isEmpty()) {
                derivedBy.remove(event.getOldObject());
            }
        }

        // The rules insert and delete these themselves; the engine only learns of it here.
        private void noteBatteryMemory(Object fact) {
            if (fact instanceof BelowPauseThreshold || fact instanceof BatteryAlarm) {
                batteryMemoryChanged = true;
            }
        }

        private void noteAlarm(Object fact, boolean inserted) {
            if (fact instanceof BatteryAlarm alarm) {
                alarmInSession = inserted ? alarm : alarm.equals(alarmInSession) ? null : alarmInSession;
            }
        }

        Explanation explain(ActionRequest request, Collection<Object> conclusions) {
            Map<String, List<String>> facts = new LinkedHashMap<>();
            Map<Object, Boolean> seen = new IdentityHashMap<>();
            List<Object> queue = new ArrayList<>(conclusions);
            queue.add(request);
            for (int i = 0; i < queue.size() && facts.size() < 50; i++) {
                Object fact = queue.get(i);
                if (seen.put(fact, Boolean.TRUE) != null) {
                    continue;
                }
                Derivation d = derivedBy.get(fact);
                if (d == null || facts.containsKey(d.rule())) {
                    continue;
                }
                facts.put(d.rule(), d.objects().stream().map(this::text).toList());
                queue.addAll(d.objects());
            }
            List<String> rules = List.copyOf(facts.keySet());
            facts.put(READINGS_IN_FORCE, readingsInForce());
            return new Explanation(rules, facts);
        }
    }

    private List<String> readingsInForce() {
        List<String> readings = new ArrayList<>(3);
        for (Class<?> type : List.of(BatteryNow.class, PowerNow.class)) {
            Object fact = stateFacts.get(type);
            if (fact != null) {
                readings.add(explainer.text(fact));
            }
        }
        if (timeHandle != null) {
            readings.add(explainer.text(session.getObject(timeHandle)));
        }
        return readings;
    }
}
