-- Subscriptions (wire spec §4.15, §12): per-workspace watches on a bead id, with an optional repo. A null repo
-- matches status changes from any repo of the project (§14 F4). One row per (project, workspace, bead_id,
-- repo-or-empty): a repeat POST replaces event_types and keeps the id.
CREATE TABLE hub.subscriptions (
    subscription_id uuid        PRIMARY KEY,
    project_id      uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    workspace_id    uuid        NOT NULL REFERENCES hub.workspaces (workspace_id) ON DELETE CASCADE,
    alias           text        NOT NULL,
    bead_id         text        NOT NULL,
    repo            text,
    event_types     text[]      NOT NULL CHECK (cardinality(event_types) > 0),
    created_at      timestamptz NOT NULL
);

CREATE UNIQUE INDEX subscriptions_key_uq ON hub.subscriptions (project_id, workspace_id, bead_id, coalesce(repo, ''));
-- The matching of §7.1: a project's subscriptions to one bead.
CREATE INDEX subscriptions_bead_idx ON hub.subscriptions (project_id, bead_id);

-- The notification outbox (§7): one row per (status change, subscriber), written in the transaction of the sync
-- or upload that made the change, delivered as mail by any instance's processor. A row is taken under
-- FOR UPDATE SKIP LOCKED and turns completed (with its message_id) in the same transaction that stores the mail.
CREATE TABLE hub.notification_outbox (
    outbox_id           uuid        PRIMARY KEY,
    project_id          uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    recipient_workspace uuid        NOT NULL,
    recipient_alias     text        NOT NULL,
    event_type          text        NOT NULL DEFAULT 'status_change',
    payload             jsonb       NOT NULL,
    status              text        NOT NULL CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    attempts            integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error          text        CHECK (char_length(last_error) <= 500),
    message_id          uuid,
    created_at          timestamptz NOT NULL,
    processed_at        timestamptz,
    CONSTRAINT notification_outbox_completed_ck CHECK ((status = 'completed') = (message_id IS NOT NULL))
);

-- The processors' work: rows still to deliver, oldest first (per project for the inline run).
CREATE INDEX notification_outbox_due_idx ON hub.notification_outbox (created_at, outbox_id)
    WHERE status IN ('pending', 'failed') AND attempts < 3;
CREATE INDEX notification_outbox_project_due_idx ON hub.notification_outbox (project_id, created_at, outbox_id)
    WHERE status IN ('pending', 'failed') AND attempts < 3;
