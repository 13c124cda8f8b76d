-- Who may sign in, and the API tokens admins hand out. Passwords are BCrypt hashes; tokens are
-- stored only as SHA-256 hex digests (the token itself is shown once, on creation).
CREATE SCHEMA IF NOT EXISTS security;

CREATE TABLE security.users (
    username      text PRIMARY KEY CHECK (username ~ '^[A-Za-z0-9._@-]{1,64}$'),
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('VIEWER', 'OPERATOR', 'ADMIN')),
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text        NOT NULL
);

CREATE TABLE security.api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role         text        NOT NULL CHECK (role IN ('VIEWER', 'OPERATOR', 'ADMIN')),
    token_hash   text        NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text        NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   text
);
