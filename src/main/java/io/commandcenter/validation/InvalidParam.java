package io.commandcenter.validation;

/** One bad field of a request: its name (a JSON path such as {@code rows[2].priority}) and what is wrong. */
public record InvalidParam(String field, String message) {
}
