-- Mail (wire spec §4.9, §9.1): one row per recipient. Unread means read_at is null; ack sets it once.
-- Threads are only a shared thread_id.
CREATE TABLE protocol.messages (
    message_id     uuid        PRIMARY KEY,
    project_id     uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    from_agent_id  uuid        NOT NULL,
    from_alias     text        NOT NULL,
    to_agent_id    uuid        NOT NULL,
    to_alias       text        NOT NULL,
    subject        text        NOT NULL DEFAULT '',
    body           text        NOT NULL,
    priority       text        NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    thread_id      uuid,
    from_did       text,
    to_did         text,
    signature      text,
    signing_key_id text,
    created_at     timestamptz NOT NULL,
    read_at        timestamptz
);

-- The inbox: a recipient's messages, newest first, and the unread subset bdh polls on every command.
CREATE INDEX messages_inbox_idx ON protocol.messages (to_agent_id, created_at DESC, message_id DESC);
CREATE INDEX messages_unread_idx ON protocol.messages (to_agent_id, created_at DESC) WHERE read_at IS NULL;
