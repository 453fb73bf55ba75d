-- Escalations (wire spec §4.14, §12): a workspace asks a human for a decision. status is the stored state;
-- a pending row whose expires_at has passed reads as expired at once (§14 F5), and the sweep persists that.
-- The workspace row (live or deleted) must exist; a hard-deleted workspace takes its escalations with it.
CREATE TABLE hub.escalations (
    escalation_id uuid        PRIMARY KEY,
    project_id    uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    workspace_id  uuid        NOT NULL REFERENCES hub.workspaces (workspace_id) ON DELETE CASCADE,
    alias         text        NOT NULL CHECK (char_length(alias) BETWEEN 1 AND 64),
    member_email  text,
    subject       text        NOT NULL CHECK (char_length(subject) >= 1),
    situation     text        NOT NULL CHECK (char_length(situation) >= 1),
    -- null for none (never an empty array)
    options       text[],
    status        text        NOT NULL CHECK (status IN ('pending', 'responded', 'expired')),
    response      text,
    response_note text,
    created_at    timestamptz NOT NULL,
    responded_at  timestamptz,
    expires_at    timestamptz NOT NULL,
    CONSTRAINT escalations_options_ck CHECK (options IS NULL OR cardinality(options) > 0),
    CONSTRAINT escalations_response_ck CHECK ((status = 'responded') = (response IS NOT NULL AND responded_at IS NOT NULL))
);

-- GET /v1/escalations: a project's escalations newest first (the keyset of §1.6).
CREATE INDEX escalations_project_created_idx ON hub.escalations (project_id, created_at DESC, escalation_id DESC);
-- The expiry sweep and escalations_pending: only pending rows, by expiry.
CREATE INDEX escalations_pending_expiry_idx ON hub.escalations (expires_at, project_id) WHERE status = 'pending';

-- A workspace's escalations (the workspace_id filter, and the cascade of a hard-deleted workspace).
CREATE INDEX escalations_workspace_idx ON hub.escalations (workspace_id, created_at DESC);
