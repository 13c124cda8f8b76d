package io.commandcenter.control;

import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One action as the history shows it: who asked for what, what the rules said, each attempt,
 * and the result (null while in flight).
 */
public record ActionRecord(UUID id, String device, Source source, String requestedBy, String reason,
                           boolean requestedOn, Boolean previousOn, Instant requestedAt, String decision,
                           List<String> reasons, List<String> rules, int attempts, String result,
                           Instant finishedAt, Long latencyMs, List<Event> events) {

    /** One row of the append-only log. */
    public record Event(Instant at, String kind, Integer attempt, String result, Map<String, Object> detail) {
    }

    @SuppressWarnings("unchecked")
    static ActionRecord of(List<ActionLogRepository.LogRow> rows) {
        ActionLogRepository.LogRow first = rows.get(0);
        String reason = String.valueOf(first.detail().getOrDefault("reason", ""));
        Boolean previous = null;
        String decision = null;
        List<String> reasons = List.of();
        List<String> rules = List.of();
        int attempts = 0;
        String result = null;
        Instant finishedAt = null;
        Long latency = null;
        List<Event> events = new java.util.ArrayList<>();
        for (ActionLogRepository.LogRow row : rows) {
            events.add(new Event(row.at(), row.kind(), row.attempt(), row.result(), row.detail()));
            if (row.previousOn() != null) previous = row.previousOn();
            if (row.attempt() != null && row.kind().equals("SENT")) attempts = Math.max(attempts, row.attempt());
            switch (row.kind()) {
                case "DECIDED" -> {
                    decision = row.result();
                    reasons = (List<String>) row.detail().getOrDefault("reasons", List.of());
                    rules = (List<String>) row.detail().getOrDefault("rules", List.of());
                }
                case "FINISHED", "RECONCILED" -> {
                    result = row.result();
                    finishedAt = row.at();
                    Object ms = row.detail().get("latencyMs");
                    latency = ms instanceof Number n ? n.longValue() : null;
                    if (row.detail().get("reasons") instanceof List<?> r && !r.isEmpty()) {
                        reasons = (List<String>) r;
                    }
                }
                default -> { }
            }
        }
        return new ActionRecord(first.actionId(), first.device(), first.source(), first.requestedBy(), reason,
                first.requestedOn(), previous, first.at(), decision, reasons, rules, attempts, result, finishedAt,
                latency, List.copyOf(events));
    }

    public ActionRequest toRequest() {
        return new ActionRequest(id, device, requestedOn, source, requestedBy, reason, requestedAt);
    }
}
