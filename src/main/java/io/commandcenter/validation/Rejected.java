package io.commandcenter.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A caller's request that a feature refuses. Each feature throws its own subclasses, named for what went wrong
 * ({@code UnknownDevice}, {@code RuleRejected}), and none builds an HTTP response: the web shell turns every one
 * into problem+json. {@code type} is a short stable slug ("unknown-device") that becomes the problem's type URI;
 * the message is its detail; {@link #with} adds fields to it.
 */
public abstract class Rejected extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    protected Rejected(HttpStatus status, String type, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
    }

    public Rejected with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** A property added with {@link #with}, or null. */
    public Object property(String name) {
        return properties.get(name);
    }

    /** The added properties, in the order they were added. */
    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }
}
