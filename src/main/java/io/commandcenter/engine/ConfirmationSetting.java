package io.commandcenter.engine;

import io.commandcenter.engine.facts.ConfirmationMode;

/**
 * Where the engine reads the owner's confirmation mode once, before its first session starts
 * (the notification settings keep it). Changes arrive through {@link RulesEngine#useConfirmationMode}.
 */
public interface ConfirmationSetting {

    ConfirmationMode confirmationMode();
}
