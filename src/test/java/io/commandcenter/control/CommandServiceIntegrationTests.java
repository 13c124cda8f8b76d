package io.commandcenter.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.commandcenter.control.CommandOutcome.Result;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.Source;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.sitemodel.Faults;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingsStored;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The control pipeline against the simulator's Shelly Cloud, with faults injected. Waits for the device (verification
 * reads, backoff, settle) pass on a clock that skips ahead while nothing runs; tests that act during a wait switch it
 * to real time.
 */
@ControlIntegrationTest
class CommandServiceIntegrationTests {

    @Autowired CommandService commands;
    @Autowired EmergencyStopSwitch emergencyStop;
    @Autowired ActionLogRepository actionLog;
    @Autowired ActionReconciler reconciler;
    @Autowired EmbeddedSimulator simulator;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.context.ApplicationEventPublisher events;
    @Autowired io.commandcenter.engine.RulesEngine engine;
    @Autowired io.commandcenter.ingest.shelly.ShellyCloudClient shellyCloud;
    @Autowired @Qualifier(ControlConfiguration.COMMAND_STEPS) FastForwardScheduler steps;
    @Autowired ControlProperties settings;
    // Requests and readings are stamped on the application's clock, which runs ahead of the wall clock here.
    @Autowired java.time.Clock clock;

    @BeforeEach
    void cleanSite() {
        steps.fastForward();
        jdbc.sql("TRUNCATE control.action_log, control.retry_queue, control.emergency_stop").update();
        if (emergencyStop.engaged()) {
            emergencyStop.release("test", "clean start");
        }
        simulator.simulator().faults().set(Faults.noneAndUnlimited());
        // A test with cloud errors opens the client's circuit; the next one must see the cloud itself.
        shellyCloud.resilience().circuitBreaker().reset();
        io.commandcenter.SimulatedDevices.register(jdbc, simulator);
        simulator.simulator().model().setRelay("miner-1", true);
        simulator.simulator().model().setRelay("miner-2", true);
        publishDeviceReadings();
    }

    /** The rules judge devices by their last reading: hand the engine one, as a poll would. */
    private void publishDeviceReadings() {
        events.publishEvent(ReadingsStored.ofDevices(simulator.simulator().state().devices().stream()
                .map(d -> new DevicePowerReading(d.name(), clock.instant(), true, d.on(), d.powerW(), d.voltage(),
                        d.currentA(), d.energyWh()))
                .toList()));
    }

    @AfterEach
    void releaseStop() {
        if (emergencyStop.engaged()) {
            emergencyStop.release("test", "done");
        }
        simulator.simulator().faults().set(Faults.noneAndUnlimited());
        steps.fastForward();
    }

    @Test
    void switchesMinerOffAndVerifiesIt() {
        CommandOutcome outcome = commands.execute(manual("miner-1", false));

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(outcome.previousOn()).isTrue();
        assertThat(outcome.finalOn()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(1);
        var miner = simulator.simulator().state().device("miner-1").orElseThrow();
        assertThat(miner.on()).isFalse();
        assertThat(miner.powerW()).isZero();
        ActionRecord logged = actionLog.find(outcome.actionId()).orElseThrow();
        assertThat(logged.requestedBy()).isEqualTo("alice");
        assertThat(logged.result()).isEqualTo("SUCCEEDED");
        assertThat(logged.events()).extracting(ActionRecord.Event::kind)
                .containsExactly("REQUESTED", "DECIDED", "SENT", "VERIFIED", "FINISHED");
    }

    // Shelly Cloud API v2, the default: one endpoint reads statuses, one switches.
    private static final String STATUS_CALLS = "/shelly/v2/devices/api/get";
    private static final String SWITCH_CALLS = "/shelly/v2/devices/api/set/switch";

    @Test
    void readsTheRelayOverTheLanSoASwitchTakesOneCloudCall() {
        // on, whatever ran before (the battery floor may have switched it off), so switching it off takes a send
        simulator.simulator().model().setRelay("miner-1", true);
        int statusCalls = simulator.simulator().requests(STATUS_CALLS);
        int controlCalls = simulator.simulator().requests(SWITCH_CALLS);
        int localReads = simulator.simulator().requests("/shelly-local/" + cloudIdOf("miner-1") + "/rpc/Switch.GetStatus");

        CommandOutcome outcome = commands.execute(manual("miner-1", false));

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(relayOn("miner-1")).isFalse();
        assertThat(simulator.simulator().requests(STATUS_CALLS)).isEqualTo(statusCalls);
        assertThat(simulator.simulator().requests(SWITCH_CALLS)).isEqualTo(controlCalls + 1);
        assertThat(simulator.simulator().requests("/shelly-local/" + cloudIdOf("miner-1") + "/rpc/Switch.GetStatus"))
                .as("read before and verified after").isGreaterThanOrEqualTo(localReads + 2);
    }

    @Test
    void asksTheCloudWhenTheLanDoesNotAnswer() {
        simulator.simulator().faults().set(Faults.noneAndUnlimited()
                .withShellyLocal(Faults.Api.NONE.withServerErrors(1.0)));
        int statusCalls = simulator.simulator().requests(STATUS_CALLS);

        CommandOutcome outcome = commands.execute(manual("miner-1", false));

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(outcome.finalOn()).isFalse();
        assertThat(relayOn("miner-1")).isFalse();
        assertThat(simulator.simulator().requests(STATUS_CALLS)).isGreaterThanOrEqualTo(statusCalls + 2);
    }

    private String cloudIdOf(String device) {
        return simulator.simulator().scenario().devices().stream().filter(d -> d.name().equals(device))
                .findFirst().orElseThrow().cloudId();
    }

    @Test
    void rollsBackAndReportsFailureWhenTheRelayAnswersOkButDoesNotSwitch() {
        simulator.simulator().faults().set(Faults.noneAndUnlimited().withRelayIgnoreProbability(1.0));

        CommandOutcome outcome = commands.execute(manual("miner-1", false));

        assertThat(outcome.result()).isEqualTo(Result.FAILED);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.finalOn()).isTrue();
        assertThat(outcome.reasons()).anySatisfy(r -> assertThat(r).contains("Rollback: restored on"));
        assertThat(actionLog.find(outcome.actionId()).orElseThrow().events())
                .extracting(ActionRecord.Event::kind).contains("ROLLED_BACK");
    }

    @Test
    void sendsNothingToAnOfflineDeviceAndQueuesAutomation() {
        // The heater: no other test commands it by hand, so no manual hold outranks this automation.
        simulator.simulator().model().setRelay("water-heater", true);
        publishDeviceReadings();
        simulator.simulator().faults().set(Faults.noneAndUnlimited()
                .withShellyCloud(Faults.Api.NONE.withOfflineDevices(1.0))
                .withShellyLocal(Faults.Api.NONE.withServerErrors(1.0)));
        CommandOutcome outcome = afterAnyRunningAutomation(() -> commands.execute(new ActionRequest(UUID.randomUUID(),
                "water-heater", false, Source.AUTOMATION, "rule:test", "offline test", clock.instant())));

        assertThat(outcome.result()).isIn(Result.OFFLINE, Result.FAILED);
        assertThat(actionLog.find(outcome.actionId()).orElseThrow().events())
                .extracting(ActionRecord.Event::kind).doesNotContain("SENT");
        assertThat(simulator.simulator().state().device("water-heater").orElseThrow().on()).isTrue();
        simulator.simulator().model().setRelay("water-heater", false);
    }

    /**
     * The live rules see the readings this test publishes and may switch the heater themselves (surplus): an
     * automation of the test's own then counts as "opposite at the same moment" and is refused. Such a refusal sent
     * nothing; ask again once the rules' own action is through.
     */
    private static CommandOutcome afterAnyRunningAutomation(java.util.function.Supplier<CommandOutcome> command) {
        long giveUp = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        CommandOutcome outcome = command.get();
        while (outcome.result() == Result.BLOCKED && outcome.reasons().stream().anyMatch(r -> r.contains(
                "still being carried out")) && System.nanoTime() < giveUp) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            outcome = command.get();
        }
        return outcome;
    }

    @Test
    void aManualCommandThatCouldNotBeSentLeavesNoHold() throws InterruptedException {
        CommandOutcome done = commands.execute(manual("miner-1", false));
        assertThat(done.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(heldByAPerson("miner-1")).as("a command carried out holds its device").isTrue();

        simulator.simulator().faults().set(Faults.noneAndUnlimited()
                .withShellyCloud(Faults.Api.NONE.withOfflineDevices(1.0))
                .withShellyLocal(Faults.Api.NONE.withServerErrors(1.0)));
        // The heater: no other test commands it by hand, so no earlier hold of a person's can be in the way.
        CommandOutcome offline = commands.execute(manual("water-heater", false));
        assertThat(offline.result()).isEqualTo(Result.OFFLINE);

        // Control's answer reaches the rules on their own thread: give it a moment.
        long giveUp = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (heldByAPerson("water-heater") && System.nanoTime() < giveUp) {
            Thread.sleep(50);
        }
        assertThat(heldByAPerson("water-heater")).as("nothing was sent, so nothing holds the device").isFalse();
    }

    private boolean heldByAPerson(String device) {
        Decision automation = engine.evaluate(ActionRequest.of(device, true, Source.AUTOMATION, "rule:test",
                "is it held?", clock.instant()));
        return automation.reasons().contains("device held by a MANUAL command");
    }

    @Test
    void retriesAfterServerErrorsAndSucceeds() {
        // Every second cloud call fails with 5xx: the client and the pipeline's retries get through.
        simulator.simulator().faults().set(Faults.noneAndUnlimited()
                .withShellyCloud(Faults.Api.NONE.withServerErrors(0.5)));

        CommandOutcome outcome = commands.execute(manual("miner-1", false));

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(simulator.simulator().state().device("miner-1").orElseThrow().on()).isFalse();
    }

    @Test
    void switchesThroughCloudRateLimits() {
        simulator.simulator().faults().set(Faults.noneAndUnlimited()
                .withShellyCloud(Faults.Api.NONE.withRateLimit(new Faults.RateLimit(1, Duration.ofSeconds(1)))));

        CommandOutcome outcome = commands.execute(manual("miner-1", false));

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
    }

    @Test
    void neverInterleavesTwoActionsOnOneDevice() throws Exception {
        // Relay commands do not take, so each action spends seconds retrying while holding the device.
        simulator.simulator().faults().set(Faults.noneAndUnlimited().withRelayIgnoreProbability(1.0));
        // At the wall clock's pace until the second one waits for the device, so it does come while the first runs.
        steps.realTime();
        ActionRequest one = manual("miner-1", false);
        var first = CompletableFuture.supplyAsync(() -> commands.execute(one));
        await(() -> actionLog.find(one.id()).map(a -> kinds(a.id()).contains("SENT")).orElse(false));
        ActionRequest two = manual("miner-1", false);
        var second = CompletableFuture.supplyAsync(() -> commands.execute(two));
        await(() -> actionLog.find(two.id()).map(a -> kinds(a.id()).contains("DECIDED")).orElse(false));
        steps.fastForward();
        CommandOutcome a = first.get(60, TimeUnit.SECONDS);
        CommandOutcome b = second.get(60, TimeUnit.SECONDS);

        assertThat(List.of(a.attempts(), b.attempts())).containsOnly(3);
        List<UUID> order = jdbc.sql("""
                        SELECT action_id FROM control.action_log
                        WHERE kind IN ('SENT', 'VERIFIED', 'ROLLED_BACK', 'FINISHED') AND device = 'miner-1' ORDER BY id
                        """).query(UUID.class).list();
        // Each action's hardware steps form one contiguous run in the log.
        long switches = java.util.stream.IntStream.range(1, order.size())
                .filter(i -> !order.get(i).equals(order.get(i - 1))).count();
        assertThat(order).contains(a.actionId(), b.actionId());
        assertThat(switches).isEqualTo(1);
    }

    @Test
    void emergencyStopHaltsAutomationButNotManualControl() {
        emergencyStop.engage("bob", "smoke near the miners");

        CommandOutcome automated = commands.execute(new ActionRequest(UUID.randomUUID(), "miner-1", false,
                Source.AUTOMATION, "rule:test", "pause", clock.instant()));
        CommandOutcome agent = commands.execute(new ActionRequest(UUID.randomUUID(), "miner-1", false,
                Source.AGENT, "agent:orchestrator", "suggested", clock.instant()));
        CommandOutcome manual = commands.execute(manual("miner-1", false));

        assertThat(automated.result()).isEqualTo(Result.HALTED);
        assertThat(agent.result()).isEqualTo(Result.HALTED);
        assertThat(manual.result()).isEqualTo(Result.SUCCEEDED);
    }

    @Test
    void emergencyStopSurvivesARestartOfTheService() {
        emergencyStop.engage("bob", "storm");
        var reloaded = new EmergencyStopSwitch(new EmergencyStopRepository(jdbc), e -> { }, java.time.Clock.systemUTC(), engine);
        // The switch is the one source of truth; the engine holds the fact it was given.
        var asked = engine.evaluate(io.commandcenter.engine.ActionRequest.of("miner-1", true,
                io.commandcenter.engine.Source.AUTOMATION, "test", "test", java.time.Instant.now()));
        assertThat(asked.reasons()).anyMatch(r -> r.startsWith("emergency stop by bob"));

        assertThat(reloaded.engaged()).isTrue();
        assertThat(reloaded.state().who()).isEqualTo("bob");
    }

    @Test
    void runsARepeatedRequestOnlyOnce() {
        ActionRequest request = manual("miner-1", false);
        CommandOutcome first = commands.execute(request);
        simulator.simulator().model().setRelay("miner-1", true);

        CommandOutcome again = commands.execute(request);

        assertThat(again.actionId()).isEqualTo(first.actionId());
        assertThat(simulator.simulator().state().device("miner-1").orElseThrow().on()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM control.action_log WHERE kind = 'SENT'").query(Long.class).single())
                .isEqualTo(1L);
    }

    @Test
    void reconcilesAnActionCutShortByACrashWithoutSendingItAgain() throws Exception {
        ActionRequest request = manual("miner-2", false);
        // What the log looks like when the process died right after sending.
        actionLog.append(request, "REQUESTED", clock.instant(), null, null, null, Map.of("reason", "crash test"));
        actionLog.append(request, "SENT", clock.instant(), true, 1, null, Map.of());
        simulator.simulator().model().setRelay("miner-2", false);

        int reconciled = reconciler.reconcile().get(5, TimeUnit.SECONDS);

        assertThat(reconciled).isEqualTo(1);
        ActionRecord action = actionLog.find(request.id()).orElseThrow();
        assertThat(action.result()).isEqualTo("SUCCEEDED");
        assertThat(action.events()).extracting(ActionRecord.Event::kind)
                .containsExactly("REQUESTED", "SENT", "RECONCILED");
        assertThat(reconciler.reconcile().get(5, TimeUnit.SECONDS)).isZero();
    }

    private ActionRequest manual(String device, boolean on) {
        return ActionRequest.of(device, on, Source.MANUAL, "alice", "test", clock.instant());
    }

    @Test
    void getsThroughCloudTimeoutsWithRetries() {
        simulator.simulator().faults().set(Faults.noneAndUnlimited()
                .withShellyCloud(Faults.Api.NONE.withTimeouts(0.3, Duration.ofSeconds(2))));

        CommandOutcome outcome = commands.execute(manual("miner-1", false));

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(simulator.simulator().state().device("miner-1").orElseThrow().on()).isFalse();
    }

    @Test
    void manualCommandHoldsItsDeviceAgainstAutomation() {
        assertThat(commands.execute(manual("miner-1", false)).result()).isEqualTo(Result.SUCCEEDED);

        CommandOutcome automated = commands.execute(new ActionRequest(UUID.randomUUID(), "miner-1", true,
                Source.AUTOMATION, "rule:resume miners", "battery full", clock.instant()));

        assertThat(automated.result()).isEqualTo(Result.BLOCKED);
        assertThat(automated.reasons()).anySatisfy(r -> assertThat(r).contains("MANUAL"));
        assertThat(simulator.simulator().state().device("miner-1").orElseThrow().on()).isFalse();
    }

    @Test
    void emergencyStopHaltsAnAutomatedActionInFlight() throws Exception {
        // The relay ignores commands, so the automated action keeps retrying until STOP cuts it short;
        // at the wall clock's pace, so it is still retrying when STOP comes.
        steps.realTime();
        // The heater: no other test commands it by hand, so no manual hold outranks this automation.
        simulator.simulator().model().setRelay("water-heater", true);
        publishDeviceReadings();
        simulator.simulator().faults().set(Faults.noneAndUnlimited().withRelayIgnoreProbability(1.0));
        var running = CompletableFuture.supplyAsync(() -> commands.execute(new ActionRequest(UUID.randomUUID(),
                "water-heater", false, Source.AUTOMATION, "rule:shed heater", "battery low", clock.instant())));
        Instant deadline = Instant.now().plusSeconds(30);
        while (jdbc.sql("SELECT count(*) FROM control.action_log WHERE kind = 'SENT'").query(Long.class).single() == 0) {
            assertThat(running.isDone()).as("the automated action ended before sending: %s",
                    running.isDone() ? running.join().reasons() : "").isFalse();
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(20);
        }

        emergencyStop.engage("carol", "inspecting wiring");
        long stopped = System.nanoTime();
        CommandOutcome outcome = running.get(30, TimeUnit.SECONDS);
        long tookMs = Duration.ofNanos(System.nanoTime() - stopped).toMillis();

        assertThat(outcome.result()).isEqualTo(Result.HALTED);
        assertThat(tookMs).as("ended after STOP").isLessThan(2000);
        assertThat(outcome.attempts()).isLessThan(3);
        assertThat(outcome.reasons()).anySatisfy(r -> assertThat(r).contains("left as it is (last seen on)"));
        assertThat(kinds(outcome.actionId())).doesNotContain("ROLLBACK_SENT", "ROLLED_BACK");
        assertThat(relayOn("water-heater")).isTrue();
        simulator.simulator().model().setRelay("water-heater", false);
    }

    // --- STOP, protective offs, the retry queue, the reconciler, opposite commands ---

    @Autowired ActionRetries retries;
    @org.springframework.boot.test.web.server.LocalServerPort int port;

    private static Decision allowed(ActionRequest request) {
        return new Decision(request.id(), request.device(), request.on(), request.source(), request.requestedBy(),
                Decision.Outcome.ALLOWED, List.of(), List.of("test: allowed"), Map.of(), null, request.at(), 0);
    }

    private ActionRequest protectiveOff(String device) {
        return new ActionRequest(UUID.randomUUID(), device, false, Source.SAFETY, "rule:battery floor",
                "battery at 18.5 % SOC, below the floor", clock.instant());
    }

    private List<String> kinds(UUID actionId) {
        return actionLog.find(actionId).orElseThrow().events().stream().map(ActionRecord.Event::kind).toList();
    }

    private boolean relayOn(String device) {
        return simulator.simulator().state().device(device).orElseThrow().on();
    }

    @Test
    void neverRollsBackToOnWhileTheEmergencyStopIsEngaged() {
        emergencyStop.engage("bob", "smoke near the miners");
        simulator.simulator().faults().set(Faults.noneAndUnlimited().withRelayIgnoreProbability(1.0));

        // A person's command runs during STOP; when it fails, its rollback would switch the miner back on.
        CommandOutcome outcome = commands.execute(manual("miner-1", false));

        assertThat(outcome.result()).isEqualTo(Result.FAILED);
        assertThat(outcome.reasons()).anySatisfy(r -> assertThat(r).contains("not sent: the emergency stop is engaged"));
        assertThat(kinds(outcome.actionId())).doesNotContain("ROLLBACK_SENT").contains("ROLLED_BACK");
    }

    @Test
    void logsEveryRollbackSendBeforeSendingIt() {
        simulator.simulator().faults().set(Faults.noneAndUnlimited().withRelayIgnoreProbability(1.0));

        CommandOutcome outcome = commands.execute(manual("miner-1", false));

        List<String> kinds = kinds(outcome.actionId());
        assertThat(kinds).containsSubsequence("VERIFIED", "ROLLBACK_SENT", "ROLLED_BACK", "FINISHED");
    }

    @Test
    void carriesOutAProtectiveOffDuringTheEmergencyStopAndSaysSo() {
        simulator.simulator().model().setRelay("water-heater", true);
        emergencyStop.engage("carol", "inspecting wiring");
        ActionRequest off = protectiveOff("water-heater");

        CommandOutcome outcome = commands.carryOut(off, allowed(off));

        assertThat(outcome.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(outcome.reasons()).anySatisfy(r -> assertThat(r).contains("although the emergency stop is engaged"));
        assertThat(relayOn("water-heater")).isFalse();
    }

    @Test
    void sendsAProtectiveOffEvenWhenTheDeviceCannotBeReadFirst() throws Exception {
        simulator.simulator().model().setRelay("water-heater", true);
        simulator.simulator().faults().set(Faults.noneAndUnlimited()
                .withShellyCloud(Faults.Api.NONE.withServerErrors(1.0))
                .withShellyLocal(Faults.Api.NONE.withServerErrors(1.0)));
        ActionRequest off = protectiveOff("water-heater");
        // At the wall clock's pace until the clouds are back, so the off is still being verified then.
        steps.realTime();
        var running = CompletableFuture.supplyAsync(() -> commands.carryOut(off, allowed(off)));
        // The clouds come back once the failed read is logged: the off must still go out and be verified.
        await(() -> actionLog.find(off.id()).map(a -> kinds(a.id()).contains("READ_FAILED")).orElse(false));
        simulator.simulator().faults().set(Faults.noneAndUnlimited());
        steps.fastForward();

        CommandOutcome outcome = running.get(30, TimeUnit.SECONDS);

        assertThat(outcome.result()).as("%s", outcome.reasons()).isEqualTo(Result.SUCCEEDED);
        assertThat(kinds(off.id())).containsSubsequence("READ_FAILED", "SENT", "VERIFIED", "FINISHED");
        assertThat(relayOn("water-heater")).isFalse();
    }

    @Test
    void retriesAFailedProtectiveOffAtOnceOverTheLanAndNeverUndoesIt() {
        simulator.simulator().model().setRelay("water-heater", true);
        simulator.simulator().faults().set(Faults.noneAndUnlimited().withRelayIgnoreProbability(1.0));
        ActionRequest off = protectiveOff("water-heater");

        CommandOutcome outcome = commands.carryOut(off, allowed(off));

        assertThat(outcome.result()).isEqualTo(Result.FAILED);
        assertThat(outcome.attempts()).as("more tries than a normal action").isEqualTo(4);
        assertThat(outcome.finalOn()).isTrue();
        List<Object> routes = actionLog.find(off.id()).orElseThrow().events().stream()
                .filter(e -> e.kind().equals("SENT")).map(e -> e.detail().get("via")).toList();
        assertThat(routes.get(0)).isEqualTo("shelly-cloud+shelly-local");
        assertThat(routes.subList(1, routes.size())).containsOnly("shelly-local");
        assertThat(kinds(off.id())).doesNotContain("ROLLBACK_SENT");
        assertThat(outcome.reasons()).anySatisfy(r -> assertThat(r).contains("a protective off is never undone"));
    }

    @Test
    void queuesAProtectiveOffForAnOfflineDeviceAndCarriesItOutWhenTheDeviceIsBack() {
        simulator.simulator().model().setRelay("water-heater", true);
        publishDeviceReadings();
        simulator.simulator().faults().set(Faults.noneAndUnlimited()
                .withShellyCloud(Faults.Api.NONE.withOfflineDevices(1.0))
                .withShellyLocal(Faults.Api.NONE.withServerErrors(1.0)));
        ActionRequest off = protectiveOff("water-heater");

        CommandOutcome outcome = commands.carryOut(off, allowed(off));

        assertThat(outcome.result()).isEqualTo(Result.OFFLINE);
        assertThat(outcome.reasons()).anySatisfy(r -> assertThat(r).contains("waiting for the device"));
        assertThat(retries.waiting()).singleElement().satisfies(w -> {
            assertThat(w.device()).isEqualTo("water-heater");
            assertThat(w.on()).isFalse();
            assertThat(w.source()).isEqualTo(Source.SAFETY);
            assertThat(w.requestedBy()).isEqualTo("rule:battery floor");
        });

        String page = io.commandcenter.TestUsers.admin(port).build().get().uri("/hardware").retrieve().body(String.class);
        assertThat(page).contains("Waiting for the device", "switch water-heater off", "rule:battery floor");

        simulator.simulator().faults().set(Faults.noneAndUnlimited());
        publishDeviceReadings(); // the next poll sees it online

        await(() -> retries.waiting().isEmpty() && !relayOn("water-heater"));
        List<String> retried = jdbc.sql("""
                        SELECT result FROM control.action_log
                        WHERE kind = 'FINISHED' AND source = 'SAFETY' AND action_id <> :id ORDER BY id""")
                .param("id", off.id()).query(String.class).list();
        // Retries that came while the device was still away found it offline again; the first one after
        // it was back switched it off, and nothing ran after that.
        assertThat(retried).last().isEqualTo("SUCCEEDED");
        assertThat(retried.subList(0, retried.size() - 1)).allSatisfy(r -> assertThat(r).isEqualTo("OFFLINE"));
    }

    @Test
    void keepsQueuedOnActionsWaitingDuringTheEmergencyStop() {
        simulator.simulator().model().setRelay("water-heater", false);
        simulator.simulator().faults().set(Faults.noneAndUnlimited()
                .withShellyCloud(Faults.Api.NONE.withOfflineDevices(1.0))
                .withShellyLocal(Faults.Api.NONE.withServerErrors(1.0)));
        ActionRequest on = new ActionRequest(UUID.randomUUID(), "water-heater", true, Source.AUTOMATION,
                "rule:surplus", "surplus solar", clock.instant());
        assertThat(commands.carryOut(on, allowed(on)).result()).isEqualTo(Result.OFFLINE);
        emergencyStop.engage("carol", "inspecting wiring");
        simulator.simulator().faults().set(Faults.noneAndUnlimited());

        retries.retryWaitingFor(java.util.Set.of("water-heater"));

        assertThat(retries.waiting()).extracting(ActionRetries.WaitingAction::actionId).containsExactly(on.id());
        assertThat(relayOn("water-heater")).isFalse();
    }

    @Test
    void reconcilerWaitsTheSettleTimeBeforeReadingTheDevice() throws Exception {
        ActionRequest request = manual("miner-2", false);
        actionLog.append(request, "REQUESTED", clock.instant(), null, null, null, Map.of("reason", "crash test"));
        actionLog.append(request, "SENT", clock.instant(), true, 1, null, Map.of());
        steps.realTime();

        var reconciled = reconciler.reconcile();
        assertThat(reconciled).as("nothing is read before the settle time has passed").isNotDone();
        // The command sent before the crash lands a moment after the restart.
        simulator.simulator().model().setRelay("miner-2", false);
        steps.advance(settings.settle());

        assertThat(reconciled.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(actionLog.find(request.id()).orElseThrow().result()).isEqualTo("SUCCEEDED");
    }

    @Test
    void reconcilerRecordsUnknownWhileTheDeviceCannotBeReadAndSettlesItLater() throws Exception {
        ActionRequest request = manual("miner-2", false);
        actionLog.append(request, "REQUESTED", clock.instant(), null, null, null, Map.of("reason", "crash test"));
        actionLog.append(request, "SENT", clock.instant(), true, 1, null, Map.of());
        simulator.simulator().faults().set(Faults.noneAndUnlimited()
                .withShellyCloud(Faults.Api.NONE.withOfflineDevices(1.0))
                .withShellyLocal(Faults.Api.NONE.withServerErrors(1.0)));

        reconciler.reconcile().get(5, TimeUnit.SECONDS);

        ActionRecord unknown = actionLog.find(request.id()).orElseThrow();
        assertThat(unknown.result()).isEqualTo("UNKNOWN");
        assertThat(CommandService.outcomeOf(unknown).finalOn()).isNull();
        assertThat(reconciler.recheckUnknown()).as("still unreadable").isZero();

        simulator.simulator().faults().set(Faults.noneAndUnlimited());
        simulator.simulator().model().setRelay("miner-2", false);

        assertThat(reconciler.recheckUnknown()).isEqualTo(1);
        ActionRecord settled = actionLog.find(request.id()).orElseThrow();
        assertThat(settled.result()).isEqualTo("SUCCEEDED");
        assertThat(CommandService.outcomeOf(settled).finalOn()).isFalse();
        assertThat(reconciler.recheckUnknown()).isZero();
        assertThat(reconciler.reconcile().get(5, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void refusesTheSecondOfTwoOppositeManualCommandsAtTheSameMoment() throws Exception {
        simulator.simulator().model().setRelay("well-pump", true);
        publishDeviceReadings();
        // Each cloud call takes 150 ms, so the first command is still in flight 40 ms later.
        simulator.simulator().faults().set(Faults.noneAndUnlimited()
                .withShellyCloud(Faults.Api.NONE.withTimeouts(1.0, Duration.ofMillis(150))));
        var off = CompletableFuture.supplyAsync(() -> commands.execute(manual("well-pump", false)));
        Thread.sleep(40);
        var on = CompletableFuture.supplyAsync(() -> commands.execute(
                ActionRequest.of("well-pump", true, Source.MANUAL, "bob", "test", clock.instant())));

        CommandOutcome first = off.get(30, TimeUnit.SECONDS);
        CommandOutcome second = on.get(30, TimeUnit.SECONDS);

        assertThat(first.result()).isEqualTo(Result.SUCCEEDED);
        assertThat(second.result()).isEqualTo(Result.BLOCKED);
        assertThat(second.reasons()).singleElement().asString()
                .contains("opposite MANUAL command", "switch well-pump off", "from alice", "still being carried out");
        assertThat(kinds(second.actionId())).doesNotContain("SENT");
        assertThat(relayOn("well-pump")).isFalse();
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 20 s").isBefore(deadline);
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
