package io.commandcenter.control;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.commandcenter.engine.ActionProposed;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.RulesEngine;
import io.commandcenter.engine.Source;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** What automation hands on, and to whom, with the AUTOMATION flag on and off. */
class AutomationExecutorTests {

    final CommandService commands = mock(CommandService.class);
    final AutomationGate approvals = mock(AutomationGate.class);
    final RulesEngine engine = mock(RulesEngine.class);
    final ControlFlags flags = mock(ControlFlags.class);
    final AutomationExecutor executor = new AutomationExecutor(commands, gates(approvals), engine, flags, Runnable::run);

    private static org.springframework.beans.factory.ObjectProvider<AutomationGate> gates(AutomationGate gate) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("approvals", gate);
        return beans.getBeanProvider(AutomationGate.class);
    }

    @Test
    void withAutomationOffNobodyIsAskedToApproveWhatWouldNotBeCarriedOut() {
        when(flags.automationEnabled()).thenReturn(false);
        ActionProposed pause = proposed(Source.AUTOMATION, Decision.Outcome.NEEDS_APPROVAL);

        executor.onProposal(pause);

        verify(approvals, never()).askForApproval(any(), any());
        verify(engine).approvalResolved(pause.request().id());
    }

    @Test
    void withAutomationOnAPersonIsAsked() {
        when(flags.automationEnabled()).thenReturn(true);
        ActionProposed pause = proposed(Source.AUTOMATION, Decision.Outcome.NEEDS_APPROVAL);

        executor.onProposal(pause);

        verify(approvals).askForApproval(pause.request(), pause.decision());
        verify(engine, never()).approvalResolved(any());
    }

    @Test
    void allowedProposalsGoToThePipelineEitherWaySoItLogsWhatItDidNotSend() {
        when(flags.automationEnabled()).thenReturn(false);
        ActionProposed pause = proposed(Source.AUTOMATION, Decision.Outcome.ALLOWED);
        ActionProposed floor = proposed(Source.SAFETY, Decision.Outcome.ALLOWED);

        executor.onProposal(pause);
        executor.onProposal(floor);

        verify(commands).carryOut(pause.request(), pause.decision());
        verify(commands).carryOut(floor.request(), floor.decision());
    }

    private static ActionProposed proposed(Source source, Decision.Outcome outcome) {
        ActionRequest request = ActionRequest.of("miner-1", false, source, "miners.drl", "battery low", Instant.EPOCH);
        return new ActionProposed(request, new Decision(request.id(), "miner-1", false, source, "miners.drl", outcome,
                List.of(), List.of(), Map.of(), null, Instant.EPOCH, 0));
    }
}
