package io.commandcenter.validation;

import java.util.ArrayList;
import java.util.List;


/**
 * Collects the bad fields of a request and turns them into an {@link InvalidRequest} (a 400 problem whose
 * {@code invalidParams} names each one). Refuse before doing anything: nothing is stored or switched once a field is bad.
 */
public final class InvalidParams {

    public static final String PROPERTY = "invalidParams";

    private final List<InvalidParam> params = new ArrayList<>();

    public InvalidParams add(String field, String message) {
        params.add(new InvalidParam(field, message));
        return this;
    }

    /** Adds the text's problem ({@link Text#problem}) under that field, if it has one. */
    public InvalidParams text(String field, String value, int max) {
        String problem = Text.problem(value, max);
        if (problem != null) {
            add(field, problem);
        }
        return this;
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    public List<InvalidParam> list() {
        return List.copyOf(params);
    }

    /** Throws the 400 problem when a field is bad. */
    public void throwIfAny(String type, String detail) {
        if (!params.isEmpty()) {
            throw problem(type, detail);
        }
    }

    public InvalidRequest problem(String type, String detail) {
        return new InvalidRequest(type, detail, list());
    }

    /** Reads messages of the form {@code "field: what is wrong"}; others are filed under {@code fallback}. */
    public static InvalidParams fromMessages(List<String> messages, String fallback) {
        InvalidParams out = new InvalidParams();
        for (String m : messages) {
            int colon = m.indexOf(": ");
            if (colon > 0 && m.substring(0, colon).matches("[A-Za-z0-9_.\\[\\]]+")) {
                out.add(m.substring(0, colon), m.substring(colon + 2));
            } else {
                String first = m.split(" ", 2)[0];
                out.add(first.matches("[a-z][A-Za-z0-9]*") && !first.equals("every") ? first : fallback, m);
            }
        }
        return out;
    }

    /** Throws a 400 naming the parameter when a page limit is outside 1 to {@link Limits#PAGE}. */
    public static void checkLimit(String field, int limit) {
        if (limit < 1 || limit > Limits.PAGE) {
            new InvalidParams().add(field, "must be between 1 and " + Limits.PAGE).throwIfAny("bad-limit",
                    field + " must be between 1 and " + Limits.PAGE);
        }
    }
}
