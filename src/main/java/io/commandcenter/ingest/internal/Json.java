package io.commandcenter.ingest.internal;

import io.commandcenter.ingest.CloudException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading cloud answers into trees; payload classes pick the fields they trust. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static JsonNode read(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new CloudException(CloudException.Kind.BAD_PAYLOAD, "empty answer");
            }
            return node;
        } catch (JacksonException e) {
            throw CloudHttp.badPayload("answer is not JSON", e);
        }
    }

    /** A number that may come as a JSON number or a numeric string; null when absent or not a number. */
    public static Double number(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isString()) {
            try {
                double value = Double.parseDouble(node.asString().trim());
                return Double.isFinite(value) ? value : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A short text of an {@code errors} field, which clouds send as a string, an object or an array. */
    public static String errors(JsonNode errors) {
        if (errors == null || errors.isMissingNode() || errors.isNull()) {
            return "no reason given";
        }
        return errors.isString() ? errors.asString() : errors.toString();
    }
}
