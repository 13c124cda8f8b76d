package io.commandcenter.validation;

import org.springframework.http.HttpStatus;

/** The old catch-all refusal, until every feature throws its own {@link Rejected}. */
public class ProblemException extends Rejected {

    public ProblemException(HttpStatus status, String type, String detail) {
        super(status, type, detail);
    }

    public static ProblemException notFound(String type, String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, type, detail);
    }

    public static ProblemException badRequest(String type, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, type, detail);
    }

    @Override
    public ProblemException with(String name, Object value) {
        super.with(name, value);
        return this;
    }
}
