-- The audit log (wire spec §2.1): append-only rows of what happened in a project (bdh_sync, beads_uploaded;
-- policy and escalation changes later). The actor is the agent (workspace) id that caused it, kept without a
-- foreign key so the row outlives the agent.
CREATE TABLE hub.audit_log (
    audit_id   uuid        PRIMARY KEY,
    project_id uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    event_type text        NOT NULL CHECK (char_length(event_type) BETWEEN 1 AND 64),
    actor_id   uuid,
    details    jsonb       NOT NULL,
    created_at timestamptz NOT NULL
);

-- Reading a project's log newest first.
CREATE INDEX audit_log_project_created_idx ON hub.audit_log (project_id, created_at DESC, audit_id);
