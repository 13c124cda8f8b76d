package io.commandcenter.timeseries;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** A history or gap query that cannot be read: an unknown source or resolution, a bad time, duration or window. */
final class QueryRejected extends Rejected {

    QueryRejected(String type, String detail) {
        super(HttpStatus.BAD_REQUEST, type, detail);
    }
}
