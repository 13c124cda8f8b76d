/**
 * Notify: tells the site owner by email (SMTP) and SMS (Twilio) about approval requests, their
 * results and critical alerts (a source not polled for a while, a safety block, the emergency stop),
 * respecting quiet hours and "critical only", and logs every message sent or failed. It owns the
 * notification settings, including how often actions need a person's confirmation.
 */
package io.commandcenter.notify;
