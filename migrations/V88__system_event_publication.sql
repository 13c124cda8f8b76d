-- Spring Modulith's event publication registry (JDBC, schema version 2 of spring-modulith-events-jdbc 2.0):
-- one row per event and transactional listener, written in the publishing transaction, completed when the
-- listener returns. With spring.modulith.events.completion-mode=DELETE a completed row is deleted, so what stays
-- is what was published but not (yet) handled; republish-outstanding-events-on-restart delivers it again.
-- Modulith does not create this table itself (spring.modulith.events.jdbc.schema-initialization.enabled=false).
CREATE TABLE system.event_publication (
    id                     uuid        NOT NULL PRIMARY KEY,
    listener_id            text        NOT NULL,   -- the listener method, e.g. io.commandcenter.notify.AlertNotifier.onBatteryAlarm(...)
    event_type             text        NOT NULL,   -- the event's class name
    serialized_event       text        NOT NULL,   -- the event as JSON
    publication_date       timestamptz NOT NULL,
    completion_date        timestamptz,
    status                 text,                   -- PUBLISHED, PROCESSING, COMPLETED, FAILED, RESUBMITTED
    completion_attempts    integer,
    last_resubmission_date timestamptz
);
CREATE INDEX event_publication_serialized_event_hash_idx ON system.event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON system.event_publication (completion_date);
