package io.commandcenter.engine;

/**
 * Who asked for an action. A higher rank wins a device: the battery floor's protective "off"
 * beats everyone (even a person's hold), a person beats automation, automation beats the AI agent.
 * SAFETY only ever switches loads off (safety.drl); it acts during an emergency stop and never waits
 * for approval.
 */
public enum Source {
    SAFETY(4), MANUAL(3), AUTOMATION(2), AGENT(1);

    private final int rank;

    Source(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}
