-- Contacts (wire spec §4.18): a project's address book of project addresses, <slug> or <slug>/<alias>.
-- access_mode = contacts_only admits a sender when its address or its project's slug is listed here. The
-- address uses the "C" collation: listings are in byte order and matching is exact.
CREATE TABLE protocol.contacts (
    contact_id      uuid        PRIMARY KEY,
    project_id      uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    contact_address text        COLLATE "C" NOT NULL CHECK (char_length(contact_address) BETWEEN 1 AND 256),
    label           text,
    created_at      timestamptz NOT NULL,
    -- the arbiter of the insert's ON CONFLICT, the listing's order and the delivery check's lookup
    CONSTRAINT contacts_project_address_uq UNIQUE (project_id, contact_address)
);

-- Conversations (§4.18) read the messages an agent sent as well as those it received (messages_inbox_idx).
CREATE INDEX messages_sent_idx ON protocol.messages (from_agent_id, created_at DESC, message_id DESC);
