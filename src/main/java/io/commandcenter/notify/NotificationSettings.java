package io.commandcenter.notify;

import java.time.LocalTime;

import io.commandcenter.engine.facts.ConfirmationMode;
import io.commandcenter.validation.PhoneNumber;
import io.commandcenter.validation.PlainText;
import jakarta.validation.constraints.Email;

/**
 * Who is told and when.
 *
 * @param email            address for requests, results and alerts; null for no email
 * @param phone            number (E.164) for SMS; null for no SMS
 * @param criticalOnly     only critical alerts and approval requests; no results, no other alerts
 * @param quietStart       start of quiet hours (site local time), null for none
 * @param quietEnd         end of quiet hours; non-critical messages wait out quiet hours (they are dropped)
 * @param confirmationMode when automated actions need a person's yes
 */
public record NotificationSettings(@Email @PlainText(max = 254) String email,
                                   @PhoneNumber @PlainText(max = 16) String phone, boolean criticalOnly, LocalTime quietStart,
                                   LocalTime quietEnd, ConfirmationMode confirmationMode) {

    public NotificationSettings {
        email = blankToNull(email);
        phone = blankToNull(phone);
        confirmationMode = confirmationMode == null ? ConfirmationMode.NEVER : confirmationMode;
    }

    /** Whether the given local time falls inside quiet hours (which may span midnight). */
    public boolean quietAt(LocalTime time) {
        if (quietStart == null || quietEnd == null || quietStart.equals(quietEnd)) {
            return false;
        }
        return quietStart.isBefore(quietEnd)
                ? !time.isBefore(quietStart) && time.isBefore(quietEnd)
                : !time.isBefore(quietStart) || time.isBefore(quietEnd);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
