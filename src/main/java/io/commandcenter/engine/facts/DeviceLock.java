package io.commandcenter.engine.facts;

/** A person locked the device (maintenance, safety): nothing may switch it. */
public record DeviceLock(String device, String by, String reason) {

    /** The longest reason a lock may give. */
    public static final int MAX_REASON = 200;
}
