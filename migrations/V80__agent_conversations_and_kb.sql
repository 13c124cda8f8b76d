-- Agents: stored conversations and the knowledge base (markdown chunks with their embeddings).
CREATE SCHEMA IF NOT EXISTS agent;

CREATE TABLE agent.conversations (
    id             uuid PRIMARY KEY,
    asked_at       timestamptz NOT NULL,
    agent          text NOT NULL,
    question       text NOT NULL,
    answer         text NOT NULL,
    tools_called   text[] NOT NULL DEFAULT '{}',
    citations      text[] NOT NULL DEFAULT '{}',
    offline        boolean NOT NULL,
    duration_ms    bigint NOT NULL,
    input_tokens   integer,
    output_tokens  integer,
    suggested_action text
);
CREATE INDEX conversations_by_time ON agent.conversations (asked_at DESC);

-- Embeddings as a plain real[] (384 dims, all-MiniLM-L6-v2); cosine in Java over a few hundred chunks.
CREATE TABLE agent.kb_chunks (
    document     text NOT NULL,
    section      text NOT NULL,
    position     integer NOT NULL,
    content      text NOT NULL,
    content_hash text NOT NULL,
    embedding    real[] NOT NULL,
    PRIMARY KEY (document, position)
);

CREATE TABLE agent.kb_sync_log (
    id          bigserial PRIMARY KEY,
    synced_at   timestamptz NOT NULL,
    document    text NOT NULL,
    file_hash   text NOT NULL,
    chunks      integer NOT NULL,
    action      text NOT NULL
);
