-- Chat (wire spec §4.10, §9.2): one persistent session per participant set and project, keyed by the
-- SHA-256 of the sorted, comma-joined participant ids; each participant has a forward-only read cursor.
CREATE TABLE protocol.chat_sessions (
    session_id      uuid        PRIMARY KEY,
    project_id      uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    participant_key text        NOT NULL CHECK (participant_key ~ '^[0-9a-f]{64}$'),
    created_at      timestamptz NOT NULL,
    UNIQUE (project_id, participant_key)
);

CREATE TABLE protocol.chat_participants (
    session_id           uuid        NOT NULL REFERENCES protocol.chat_sessions (session_id) ON DELETE CASCADE,
    agent_id             uuid        NOT NULL,
    alias                text        NOT NULL,
    last_read_message_id uuid,
    last_read_at         timestamptz,
    PRIMARY KEY (session_id, agent_id)
);

CREATE INDEX chat_participants_agent_idx ON protocol.chat_participants (agent_id);

CREATE TABLE protocol.chat_messages (
    message_id     uuid        PRIMARY KEY,
    session_id     uuid        NOT NULL REFERENCES protocol.chat_sessions (session_id) ON DELETE CASCADE,
    from_agent_id  uuid        NOT NULL,
    from_alias     text        NOT NULL,
    body           text        NOT NULL,
    sender_leaving boolean     NOT NULL DEFAULT false,
    hang_on        boolean     NOT NULL DEFAULT false,
    from_did       text,
    to_did         text,
    signature      text,
    signing_key_id text,
    created_at     timestamptz NOT NULL
);

-- history and replay read a session's messages in time order
CREATE INDEX chat_messages_session_idx ON protocol.chat_messages (session_id, created_at, message_id);
