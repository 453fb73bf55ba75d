-- Workspaces (wire spec §2.1): the beadhub side of an agent working in one worktree. The workspace id IS the
-- agent id, so the primary key is also the foreign key to protocol.agents. project, alias, workspace_type and
-- a non-null repo never change (the store's updates do not touch them).
CREATE TABLE hub.workspaces (
    workspace_id         uuid        PRIMARY KEY REFERENCES protocol.agents (agent_id) ON DELETE CASCADE,
    project_id           uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    -- null for a dashboard workspace, and for an agent workspace whose repo row was hard-deleted (it is then
    -- deleted too, see the trigger below)
    repo_id              uuid        REFERENCES hub.repos (repo_id) ON DELETE SET NULL,
    alias                text        NOT NULL CHECK (char_length(alias) BETWEEN 1 AND 64),
    human_name           text        NOT NULL DEFAULT '',
    role                 text        CHECK (char_length(role) <= 50),
    current_branch       text        CHECK (char_length(current_branch) <= 255),
    timezone             text        CHECK (char_length(timezone) <= 64),
    hostname             text        CHECK (char_length(hostname) <= 255),
    workspace_path       text        CHECK (char_length(workspace_path) <= 4096),
    focus_apex_bead_id   text,
    focus_apex_repo_name text,
    focus_apex_branch    text,
    focus_updated_at     timestamptz,
    workspace_type       text        NOT NULL DEFAULT 'agent' CHECK (workspace_type IN ('agent', 'dashboard')),
    created_at           timestamptz NOT NULL,
    -- bumped on every update
    updated_at           timestamptz NOT NULL,
    last_seen_at         timestamptz,
    deleted_at           timestamptz,
    -- an agent workspace has a repo while it is live; a dashboard never has one
    CONSTRAINT workspaces_type_repo_ck CHECK (
        (workspace_type = 'agent' AND (repo_id IS NOT NULL OR deleted_at IS NOT NULL))
        OR (workspace_type = 'dashboard' AND repo_id IS NULL))
);

-- §2.1: "If the repo is hard-deleted, the workspace becomes deleted." The foreign key sets repo_id to null;
-- this marks the row deleted in the same update, so the type/repo check holds.
CREATE FUNCTION hub.workspaces_repo_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.repo_id IS NULL AND OLD.repo_id IS NOT NULL AND NEW.deleted_at IS NULL THEN
        NEW.deleted_at := now();
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER workspaces_repo_gone_trg BEFORE UPDATE OF repo_id ON hub.workspaces
    FOR EACH ROW EXECUTE FUNCTION hub.workspaces_repo_gone();

-- (project_id, alias) is unique among live workspaces; inserts name it as their ON CONFLICT arbiter.
CREATE UNIQUE INDEX workspaces_live_alias_uq ON hub.workspaces (project_id, alias) WHERE deleted_at IS NULL;
-- Listing a project's workspaces, most recently updated first (GET /v1/workspaces, /team).
CREATE INDEX workspaces_project_updated_idx ON hub.workspaces (project_id, updated_at DESC, workspace_id);
-- A repo's workspaces (repo deletion cascade, workspace_count of GET /v1/repos).
CREATE INDEX workspaces_repo_idx ON hub.workspaces (repo_id) WHERE repo_id IS NOT NULL;
