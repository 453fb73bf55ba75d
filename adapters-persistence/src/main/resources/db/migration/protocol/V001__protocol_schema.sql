-- The aweb-style protocol: projects (the tenant boundary), agents, keys, mail, chat, reservations.
-- Later migrations in this folder add the tables of each capability.
CREATE SCHEMA IF NOT EXISTS protocol;

CREATE TABLE protocol.projects (
    project_id       uuid        PRIMARY KEY,
    slug             text        NOT NULL CHECK (char_length(slug) BETWEEN 1 AND 256),
    name             text        NOT NULL DEFAULT '',
    tenant_id        uuid,
    visibility       text        NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
    active_policy_id uuid,
    created_at       timestamptz NOT NULL,
    deleted_at       timestamptz
);

-- A slug is unique among the live projects of one tenant (standalone mode: tenant_id is null).
CREATE UNIQUE INDEX projects_live_slug_uq
    ON protocol.projects (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), slug)
    WHERE deleted_at IS NULL;
