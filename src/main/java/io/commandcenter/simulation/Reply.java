package io.commandcenter.simulation;

import java.util.Map;

/** An HTTP answer: status, JSON body (already serialised), extra headers. */
record Reply(int status, Object body, Map<String, String> headers) {

    static Reply ok(Object body) {
        return new Reply(200, body, Map.of());
    }

    static Reply status(int status, Object body) {
        return new Reply(status, body, Map.of());
    }
}
