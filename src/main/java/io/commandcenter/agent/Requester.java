package io.commandcenter.agent;

/**
 * Who put a question to the agents. Only operators and admins may have the agents queue an action
 * for approval: a viewer's request is answered with what the agent would suggest, and nothing waits.
 *
 * @param name            the signed-in user (or {@code token:<name>})
 * @param mayQueueActions true for operators and admins
 */
public record Requester(String name, boolean mayQueueActions) {

    /** Someone whose chat requests are answered but never queued. */
    public static Requester readOnly(String name) {
        return new Requester(name, false);
    }

    /** An operator or admin: suggestions become pending actions. */
    public static Requester operator(String name) {
        return new Requester(name, true);
    }
}
