package io.commandcenter.control;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the control pipeline. How a relay is reached (LAN addresses, Shelly's rate-limit wait) is set
 * under the same prefix by the Shelly folder.
 *
 * @param hardwareEnabled    the default of the HARDWARE_CONTROL flag: carry out automated actions on real hardware;
 *                           when false they are logged as "would execute". Null means: on when the embedded
 *                           simulator is the target, off otherwise (env COMMANDCENTER_CONTROL_HARDWARE_ENABLED).
 *                           {@code commandcenter.features.hardware-control} wins when set; an admin's override wins
 *                           over both
 * @param attempts           how many times a command is sent before giving up
 * @param backoff            wait before the second attempt; doubles each further attempt
 * @param verifyTimeout      how long to poll the device for the new state after each send; with three sends and a
 *                           rollback this bounds how long a failed switch takes (about 4 × this plus the sends)
 * @param verifyInterval     pause between verification polls (LAN reads; cloud reads also wait for their turn)
 * @param turnWait           how long a request waits for its turn while another action runs on the same device
 * @param retryOfflineEvery  how often queued actions for offline devices are tried again
 * @param retryOfflineFor    how long an action stays in the offline retry queue
 * @param slowSend           a send slower than this probably had a request time out and repeated, so a lost copy may
 *                           still land: it is checked again after {@code settle}. Above the wait for the account's
 *                           turn (up to about 2 s while a poll takes one), below Shelly's read timeout (5 s)
 * @param settle             after an uncertain send, how long to wait before confirming the state: a
 *                           timed-out request can still reach the device that much later; also what the
 *                           crash reconciler waits before reading a device
 * @param protectiveAttempts how many times a protective off (battery floor) is sent before it is reported
 *                           failed; each one after the first goes over the LAN where the device has an address
 * @param protectiveRetryFor upper bound on the time a protective off keeps retrying
 * @param sameMoment         an opposite request of the same rank still in flight and this much older or less is
 *                           "at the same moment": the later one is refused
 * @param unknownRecheckEvery how often actions with an unknown outcome are read again
 */
@ConfigurationProperties("commandcenter.control")
@Validated
public record ControlProperties(
        Boolean hardwareEnabled,
        @DefaultValue("3") @Positive int attempts,
        // Waits may be zero (no pause; verify-timeout 0 reads once); intervals, schedules and call timeouts may not.
        @DefaultValue("500ms") @NotNull @DurationMin Duration backoff,
        @DefaultValue("2s") @NotNull @DurationMin Duration verifyTimeout,
        @DefaultValue("250ms") @NotNull @DurationMin(inclusive = false) Duration verifyInterval,
        @DefaultValue("10s") @NotNull @DurationMin Duration turnWait,
        @DefaultValue("1m") @NotNull @DurationMin(inclusive = false) Duration retryOfflineEvery,
        @DefaultValue("30m") @NotNull @DurationMin(inclusive = false) Duration retryOfflineFor,
        @DefaultValue("3s") @NotNull @DurationMin(inclusive = false) Duration slowSend,
        @DefaultValue("2s") @NotNull @DurationMin Duration settle,
        @DefaultValue("6") @Positive int protectiveAttempts,
        @DefaultValue("2m") @NotNull @DurationMin(inclusive = false) Duration protectiveRetryFor,
        @DefaultValue("2s") @NotNull @DurationMin Duration sameMoment,
        @DefaultValue("1m") @NotNull @DurationMin(inclusive = false) Duration unknownRecheckEvery) {
}
