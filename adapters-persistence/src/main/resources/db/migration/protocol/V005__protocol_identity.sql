-- Agents (wire spec §2.1): the aweb identities of a project. An alias is unique among the live agents of a
-- project; a soft-deleted agent frees its alias for reuse.
CREATE TABLE protocol.agents (
    agent_id           uuid        PRIMARY KEY,
    project_id         uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    alias              text        NOT NULL CHECK (char_length(alias) BETWEEN 1 AND 64),
    human_name         text        NOT NULL DEFAULT '',
    agent_type         text        NOT NULL DEFAULT 'agent' CHECK (char_length(agent_type) <= 32),
    access_mode        text        NOT NULL DEFAULT 'open' CHECK (access_mode IN ('open', 'contacts_only')),
    did                text,
    public_key         text,
    custody            text        CHECK (custody IN ('self', 'custodial')),
    lifetime           text        NOT NULL CHECK (lifetime IN ('persistent', 'ephemeral')),
    status             text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired', 'deregistered')),
    successor_agent_id uuid,
    role               text,
    program            text,
    -- json, not jsonb: the client's context object comes back exactly as sent
    context            json,
    created_at         timestamptz NOT NULL,
    deleted_at         timestamptz
);

CREATE UNIQUE INDEX agents_live_alias_uq ON protocol.agents (project_id, alias) WHERE deleted_at IS NULL;
-- every agent of a project, live or not (foreign-key cascades, listings of deleted identities)
CREATE INDEX agents_project_idx ON protocol.agents (project_id);

-- Standalone projects (tenant null) by slug: the lookup of every init, and the arbiter of ON CONFLICT when
-- an init creates a project. Implied by projects_live_slug_uq, but usable by a plain "slug = ?" query.
CREATE UNIQUE INDEX projects_standalone_live_slug_uq ON protocol.projects (slug)
    WHERE tenant_id IS NULL AND deleted_at IS NULL;

-- API keys (§3.1): only the SHA-256 of the key is stored; the plaintext is shown once, by /v1/init.
CREATE TABLE protocol.api_keys (
    api_key_id   uuid        PRIMARY KEY,
    project_id   uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    agent_id     uuid        REFERENCES protocol.agents (agent_id) ON DELETE CASCADE,
    user_id      uuid,
    key_prefix   text        NOT NULL,
    key_hash     text        NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    is_active    boolean     NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz
);

CREATE UNIQUE INDEX api_keys_hash_uq ON protocol.api_keys (key_hash);
CREATE INDEX api_keys_agent_idx ON protocol.api_keys (agent_id) WHERE agent_id IS NOT NULL;
CREATE INDEX api_keys_project_idx ON protocol.api_keys (project_id);
