-- Every decision about a request is kept: an agent suggestion is judged when it is made
-- (NEEDS_APPROVAL) and again when a person approves it. The request id no longer identifies a row.
ALTER TABLE engine.decisions DROP CONSTRAINT decisions_pkey;
ALTER TABLE engine.decisions ADD COLUMN seq bigserial;
ALTER TABLE engine.decisions ADD PRIMARY KEY (seq);
CREATE INDEX decisions_by_request ON engine.decisions (request_id, seq);
