package io.commandcenter.device;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No relay of that name is in the registry, whichever feature looked it up. */
public final class UnknownDevice extends Rejected {

    public UnknownDevice(String name) {
        this(name, "No device named " + name);
    }

    /** The same refusal in the words an API has always given it (its callers may show them). */
    public UnknownDevice(String name, String detail) {
        super(HttpStatus.NOT_FOUND, "unknown-device", detail);
    }
}
