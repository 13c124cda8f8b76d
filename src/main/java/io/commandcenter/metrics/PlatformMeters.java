package io.commandcenter.metrics;

import java.time.Duration;
import java.util.Locale;

import io.commandcenter.approval.ApprovalSettled;
import io.commandcenter.control.EmergencyStopSwitch;
import io.commandcenter.engine.ActionProposed;
import io.commandcenter.engine.CommandCarriedOut;
import io.commandcenter.engine.CommandFailed;
import io.commandcenter.engine.CommandNotSent;
import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureFlags;
import io.commandcenter.ingest.SourceWentQuiet;
import io.commandcenter.timeseries.ReadingsStored;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The platform's meters, fed by the events every feature already publishes (so no feature knows about metrics):
 * readings stored, sources gone quiet (data gaps), rule decisions and blocks, commands carried out, failed or not
 * sent, approvals answered and how long a person took, and whether automation is running. Exposed at
 * {@code /actuator/prometheus} and stored every minute (docs/observability.md lists the names).
 */
@Component
class PlatformMeters {

    private final MeterRegistry registry;

    PlatformMeters(MeterRegistry registry, FeatureFlags flags, EmergencyStopSwitch emergencyStop) {
        this.registry = registry;
        // 1 while automation may act on its own: the AUTOMATION flag on and no emergency stop.
        Gauge.builder("commandcenter.automation.up", () -> flags.isEnabled(Feature.AUTOMATION)
                        && !emergencyStop.engaged() ? 1 : 0)
                .description("1 while automation runs (AUTOMATION on, no STOP)").register(registry);
        for (String kind : new String[] {"battery", "solar", "device"}) {
            readings(kind);
        }
        for (String outcome : new String[] {"carried_out", "failed", "not_sent"}) {
            commands(outcome, "AUTOMATION");
        }
    }

    @EventListener
    void onReadingsStored(ReadingsStored stored) {
        readings("battery").increment(stored.battery().size());
        readings("solar").increment(stored.solar().size());
        readings("device").increment(stored.devices().size());
    }

    @EventListener
    void onSourceWentQuiet(SourceWentQuiet quiet) {
        Counter.builder("commandcenter.data.gaps").description("times a source went quiet (no successful poll)")
                .tag("source", quiet.source().name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    @EventListener
    void onActionProposed(ActionProposed proposed) {
        Counter.builder("commandcenter.decisions").description("rule-made decisions, by outcome")
                .tag("outcome", proposed.decision().outcome().name().toLowerCase(Locale.ROOT))
                .tag("source", proposed.request().source().name()).register(registry).increment();
    }

    @EventListener
    void onCommandCarriedOut(CommandCarriedOut done) {
        commands("carried_out", done.source().name()).increment();
    }

    @EventListener
    void onCommandFailed(CommandFailed failed) {
        commands("failed", failed.source().name()).increment();
    }

    @EventListener
    void onCommandNotSent(CommandNotSent notSent) {
        commands("not_sent", notSent.source().name()).increment();
    }

    @EventListener
    void onApprovalSettled(ApprovalSettled settled) {
        String answer = settled.answer().toLowerCase(Locale.ROOT);
        Counter.builder("commandcenter.approvals").description("waiting actions answered, or expired")
                .tag("answer", answer).register(registry).increment();
        if (settled.askedAt() != null && !"expired".equals(answer)) {
            Timer.builder("commandcenter.approval.response").description("how long a person took to answer")
                    .publishPercentiles(0.5, 0.95).register(registry)
                    .record(Duration.between(settled.askedAt(), settled.at()));
        }
    }

    private Counter readings(String kind) {
        return Counter.builder("commandcenter.readings").description("readings stored").tag("kind", kind)
                .register(registry);
    }

    private Counter commands(String outcome, String source) {
        return Counter.builder("commandcenter.commands").description("commands control finished, by outcome")
                .tag("outcome", outcome).tag("source", source).register(registry);
    }
}
