-- Bead issues (wire spec §2.1, §5.5): the issues bdh syncs from a worktree's beads export, one row per
-- (project, canonical repo, branch, bead id). The repo is the canonical origin text, not a hub.repos row: a
-- cross-repo ref may name a repo the project never registered, and deleting a repo keeps its issues.
CREATE TABLE hub.bead_issues (
    project_id  uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    repo        text        NOT NULL CHECK (char_length(repo) BETWEEN 1 AND 255),
    branch      text        NOT NULL CHECK (char_length(branch) BETWEEN 1 AND 255),
    bead_id     text        NOT NULL CHECK (char_length(bead_id) BETWEEN 1 AND 100),
    title       text,
    description text,
    status      text,
    priority    integer,
    issue_type  text,
    assignee    text,
    created_by  text        CHECK (char_length(created_by) <= 255),
    -- null for none (never an empty array)
    labels      text[],
    created_at  timestamptz,
    updated_at  timestamptz,
    -- [{"repo","branch","bead_id"}], in mapping order
    blocked_by  jsonb       NOT NULL DEFAULT '[]',
    -- {"repo","branch","bead_id"} or null
    parent_id   jsonb,
    synced_at   timestamptz NOT NULL,
    PRIMARY KEY (project_id, repo, branch, bead_id)
-- A sync overwrites rows in place: with free room in each page and no index on a column a sync changes, the
-- update is a heap-only tuple (no index entries written), which keeps the WAL a sync must flush small.
) WITH (fillfactor = 85);

-- Title and type resolution by bead id alone (claims, status, team view); the few rows of one id are ordered by
-- synced_at after the lookup, so that no index covers a column every sync rewrites.
CREATE INDEX bead_issues_project_bead_idx ON hub.bead_issues (project_id, bead_id);
-- GET /v1/beads/issues lists by (repo, branch, bead_id) within a project; the primary key serves it.

-- Claims (wire spec §6): which workspace works on which bead. One row per (project, bead, workspace). Claiming
-- takes a transaction-scoped advisory lock on (project, bead) first, so the check "does another workspace hold
-- it?" and the insert are one atomic step across every server instance on this database.
CREATE TABLE hub.claims (
    project_id     uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    -- the id bdh parsed from command_line (§6.1 checks nothing more), so as long as a command_line token
    bead_id        text        NOT NULL CHECK (char_length(bead_id) BETWEEN 1 AND 8192),
    workspace_id   uuid        NOT NULL REFERENCES hub.workspaces (workspace_id) ON DELETE CASCADE,
    alias          text        NOT NULL,
    human_name     text        NOT NULL DEFAULT '',
    claimed_at     timestamptz NOT NULL,
    apex_bead_id   text,
    apex_repo_name text,
    apex_branch    text,
    PRIMARY KEY (project_id, bead_id, workspace_id)
);

-- A project's claims newest first (status, bdh command, GET /v1/claims).
CREATE INDEX claims_project_claimed_idx ON hub.claims (project_id, claimed_at DESC, bead_id, workspace_id);
-- A workspace's claims (team view, cascades, focus upkeep).
CREATE INDEX claims_workspace_idx ON hub.claims (workspace_id, claimed_at DESC);
