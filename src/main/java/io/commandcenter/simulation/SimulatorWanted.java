package io.commandcenter.simulation;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@code commandcenter.simulator.enabled} decides when set; otherwise the simulator runs only while no real
 * Victron, Shelly or SolArk account is configured. Public so the wiring of the simulator as the stand-in clouds
 * ({@code standin}) follows the same decision.
 */
public class SimulatorWanted implements Condition {

    static final String[] REAL_ACCOUNTS = {"commandcenter.victron.access-token", "commandcenter.victron.username",
            "commandcenter.shelly.auth-key", "commandcenter.solark.username"};

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        var enabled = binder.bind("commandcenter.simulator.enabled", Boolean.class);
        if (enabled.isBound()) {
            return enabled.get();
        }
        for (String account : REAL_ACCOUNTS) {
            if (binder.bind(account, String.class).map(String::isBlank).map(blank -> !blank).orElse(false)) {
                return false;
            }
        }
        return true;
    }
}
