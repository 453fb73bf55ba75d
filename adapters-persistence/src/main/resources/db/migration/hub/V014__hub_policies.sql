-- Policy versions (wire spec §11): the bundle of invariants, role playbooks and adapters a project's agents
-- follow. Versions are numbered 1, 2, … per project; a new number is allocated as max+1 while the project's row
-- in protocol.projects is locked (SELECT … FOR UPDATE), and the unique (project_id, version) backs that up. The
-- active version is protocol.projects.active_policy_id, which has no foreign key: that schema comes first.
CREATE TABLE hub.policies (
    policy_id               uuid        PRIMARY KEY,
    project_id              uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    version                 integer     NOT NULL CHECK (version >= 1),
    -- json, not jsonb: the key order of the roles is the order clients see. {"invariants":[{"id","title","body_md"}],"roles":{"<id>":{"title","playbook_md"}},"adapters":{}}
    bundle                  json        NOT NULL,
    -- the workspace (agent) that created it; null for the defaults the hub bootstraps. No foreign key: the row
    -- outlives the workspace.
    created_by_workspace_id uuid,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    CONSTRAINT policies_project_version_uq UNIQUE (project_id, version)
);
