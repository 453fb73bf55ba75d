-- Reservations (wire spec §8): at most one row per (project, key); a row whose expires_at has passed
-- counts as absent and is overwritten by the next acquire. Keys may be 4096 characters, too long for a
-- btree entry, so uniqueness is on their SHA-256
-- (computed by the store: the expression is not immutable enough for a generated column). The "C" collation gives the byte order the listing
-- promises and lets LIKE 'prefix%' compare literally.
CREATE TABLE protocol.reservations (
    project_id      uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    resource_key    text COLLATE "C" NOT NULL CHECK (char_length(resource_key) BETWEEN 1 AND 4096),
    key_hash        bytea       NOT NULL CHECK (octet_length(key_hash) = 32), -- SHA-256 of the key's UTF-8, set by the store
    holder_agent_id uuid        NOT NULL,
    holder_alias    text        NOT NULL,
    acquired_at     timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL CHECK (expires_at > acquired_at),
    -- json, not jsonb: the client's metadata object is returned exactly as sent
    metadata        json        NOT NULL DEFAULT '{}',
    PRIMARY KEY (project_id, key_hash)
);

CREATE INDEX reservations_holder_idx ON protocol.reservations (project_id, holder_agent_id);
