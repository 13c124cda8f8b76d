package io.commandcenter.notify;

/**
 * What happened to one notice on one channel.
 *
 * @param status     SENT, FAILED or SKIPPED (quiet hours, critical only, no recipient)
 * @param providerId Twilio message SID or mail Message-ID when sent
 */
public record Delivery(String channel, String recipient, String template, String status, String providerId,
                       String detail) {
}
