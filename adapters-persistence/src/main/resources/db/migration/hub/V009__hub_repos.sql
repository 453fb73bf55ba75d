-- Repos (wire spec §2.1, §4.17): the git repositories registered in a project, identified by their canonical
-- origin (§2.3). (project_id, canonical_origin) is a plain unique constraint, not a partial one over live
-- rows: registering a soft-deleted repo again clears deleted_at on the same row (same repo_id), so there is
-- never more than one row per pair, and ensure's INSERT … ON CONFLICT names it as the arbiter.
CREATE TABLE hub.repos (
    repo_id          uuid        PRIMARY KEY,
    project_id       uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    -- as last given by a client
    origin_url       text        NOT NULL CHECK (char_length(origin_url) BETWEEN 1 AND 2048),
    canonical_origin text        NOT NULL CHECK (char_length(canonical_origin) BETWEEN 1 AND 255),
    -- the last path segment of the canonical origin
    name             text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
    created_at       timestamptz NOT NULL,
    deleted_at       timestamptz,
    CONSTRAINT repos_project_origin_uq UNIQUE (project_id, canonical_origin)
);

-- The unauthenticated lookup by origin across projects (POST /v1/repos/lookup, suggest-name-prefix).
CREATE INDEX repos_live_origin_idx ON hub.repos (canonical_origin) WHERE deleted_at IS NULL;
-- The listing order of GET /v1/repos, per project.
CREATE INDEX repos_live_project_order_idx ON hub.repos (project_id, created_at, repo_id) WHERE deleted_at IS NULL;
-- The listing order of GET /v1/repos without a project filter.
CREATE INDEX repos_live_order_idx ON hub.repos (created_at, repo_id) WHERE deleted_at IS NULL;
