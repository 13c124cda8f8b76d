package io.commandcenter.engine;

/**
 * Who asked for an action. A higher rank wins a device: a person beats automation,
 * automation beats the AI agent.
 */
public enum Source {
    MANUAL(3), AUTOMATION(2), AGENT(1);

    private final int rank;

    Source(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}
