package io.commandcenter.validation;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A request with bad fields, each named in {@code invalidParams}; {@link InvalidParams} throws it. */
public final class InvalidRequest extends Rejected {

    InvalidRequest(String type, String detail, List<InvalidParam> params) {
        super(HttpStatus.BAD_REQUEST, type, detail);
        with(InvalidParams.PROPERTY, params);
    }
}
