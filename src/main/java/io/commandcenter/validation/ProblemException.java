package io.commandcenter.validation;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An error a feature reports to an API caller. {@code type} is a short stable slug
 * ("unknown-device", "rule-compile-error") that becomes the problem's type URI.
 */
public class ProblemException extends RuntimeException {

    public static final String TYPE_BASE = "https://commandcenter.io/problems/";

    private final HttpStatus status;
    private final String type;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ProblemException(HttpStatus status, String type, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
    }

    public static ProblemException notFound(String type, String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, type, detail);
    }

    public static ProblemException badRequest(String type, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, type, detail);
    }

    public ProblemException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** A property added with {@link #with}, or null. */
    public Object property(String name) {
        return properties.get(name);
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(status.getReasonPhrase());
        properties.forEach(problem::setProperty);
        return problem;
    }
}
