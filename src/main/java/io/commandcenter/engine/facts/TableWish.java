package io.commandcenter.engine.facts;

import org.kie.api.definition.rule.Rule;

/**
 * Conclusion of a decision-table row: the row's rule wants {@code device} on or off.
 * Priority and cooldown come from the row's {@code @priority} and {@code @cooldownMinutes} metadata.
 */
public record TableWish(String rule, String device, boolean on, int priority, long cooldownMillis) {

    /** Used by rendered and spreadsheet-compiled table rules; {@code action} is ON or OFF. */
    public static TableWish of(Rule rule, String device, String action) {
        int priority = intMeta(rule, "priority", 0);
        int cooldownMinutes = intMeta(rule, "cooldownMinutes", 10);
        return new TableWish(rule.getName(), device, "ON".equalsIgnoreCase(action.trim()), priority,
                cooldownMinutes * 60_000L);
    }

    private static int intMeta(Rule rule, String key, int fallback) {
        Object value = rule.getMetaData().get(key);
        if (value == null) {
            return fallback;
        }
        return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
    }
}
