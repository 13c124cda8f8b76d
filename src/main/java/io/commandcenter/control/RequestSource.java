package io.commandcenter.control;

/** Who asked for an action, highest priority first: a person beats a rule beats an agent. */
public enum RequestSource {
    MANUAL, AUTOMATION, AGENT
}
