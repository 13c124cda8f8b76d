package io.commandcenter.control;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** A command the API caller asked for that did not end as asked, with its outcome attached so they see why. */
final class CommandRefused extends Rejected {

    CommandRefused(CommandOutcome outcome) {
        super(status(outcome.result()), type(outcome.result()), String.join("; ", outcome.reasons()));
        with("actionId", outcome.actionId());
        with("device", outcome.device());
        with("result", outcome.result());
        with("reasons", outcome.reasons());
        with("rules", outcome.rules());
        with("finalState", outcome.finalOn() == null ? "unknown" : outcome.finalOn() ? "on" : "off");
    }

    private static HttpStatus status(CommandOutcome.Result result) {
        return switch (result) {
            case BLOCKED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case BUSY, OFFLINE, HALTED, UNKNOWN -> HttpStatus.CONFLICT;
            case FAILED -> HttpStatus.BAD_GATEWAY;
            case WOULD_EXECUTE -> HttpStatus.ACCEPTED;
            case SUCCEEDED -> HttpStatus.OK;
        };
    }

    private static String type(CommandOutcome.Result result) {
        return switch (result) {
            case BLOCKED -> "action-blocked";
            case BUSY -> "device-busy";
            case OFFLINE -> "device-offline";
            case HALTED -> "emergency-stop";
            case FAILED -> "command-failed";
            case UNKNOWN -> "outcome-unknown";
            default -> "action";
        };
    }
}
