/**
 * Control: the one way any action reaches hardware, whoever asks (a person, automation, an approved suggestion, the
 * battery floor). {@link io.commandcenter.control.CommandService} asks the rules, waits for its turn on the device
 * (one command per device at a time), checks it is online, sends through the
 * {@link io.commandcenter.device.DeviceSwitch} the vendor folder provides, verifies, retries and rolls back, writes every step to the action log, and tells the rules what became of the command
 * ({@link io.commandcenter.engine.CommandCarriedOut}, {@link io.commandcenter.engine.CommandFailed},
 * {@link io.commandcenter.engine.CommandNotSent}). It owns the emergency stop. See docs/control.md.
 */
package io.commandcenter.control;
