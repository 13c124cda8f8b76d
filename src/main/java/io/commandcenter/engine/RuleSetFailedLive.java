package io.commandcenter.engine;

/** Installing a version failed at its first firing; the previous version was put back before this was thrown. */
final class RuleSetFailedLive extends RuntimeException {

    RuleSetFailedLive(String reason, Throwable cause) {
        super(reason, cause);
    }

    static String describe(Throwable failure) {
        return RuleError.of(failure).describe();
    }
}
