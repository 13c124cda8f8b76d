package io.commandcenter.sitemodel;

import java.util.Objects;
import java.util.function.UnaryOperator;

/** The faults in force now; thread-safe, shared by the model (relay, offline) and the HTTP server (the rest). */
public final class SimulatorFaults {

    private volatile Faults current;

    SimulatorFaults(Faults initial) {
        this.current = Objects.requireNonNull(initial);
    }

    public Faults current() {
        return current;
    }

    public void set(Faults faults) {
        this.current = Objects.requireNonNull(faults);
    }

    public synchronized Faults update(UnaryOperator<Faults> change) {
        current = Objects.requireNonNull(change.apply(current));
        return current;
    }

    /** No faults and no rate limits. */
    public void clear() {
        set(Faults.noneAndUnlimited());
    }
}
