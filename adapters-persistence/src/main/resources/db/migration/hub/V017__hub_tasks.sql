-- Native tasks (wire spec §4.8, §6.3, §13.3): project-scoped work items numbered from a per-project counter.
-- The ref <slug>-NNN is derived from the project's slug and the number; it is not stored. Soft delete hides a
-- task (its number is not reused: the counter only grows).
CREATE TABLE hub.task_counters (
    project_id  uuid   PRIMARY KEY REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    last_number bigint NOT NULL CHECK (last_number >= 1)
);

CREATE TABLE hub.tasks (
    task_id             uuid        PRIMARY KEY,
    project_id          uuid        NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    task_number         bigint      NOT NULL CHECK (task_number >= 1),
    title               text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 4096),
    description         text        NOT NULL CHECK (char_length(description) <= 65536),
    notes               text        NOT NULL CHECK (char_length(notes) <= 65536),
    status              text        NOT NULL CHECK (status IN ('open', 'in_progress', 'closed')),
    priority            integer     NOT NULL CHECK (priority BETWEEN 0 AND 4),
    task_type           text        NOT NULL,
    labels              text[]      NOT NULL,
    parent_task_id      uuid        REFERENCES hub.tasks (task_id) ON DELETE SET NULL,
    assignee_agent_id   uuid,
    created_by_agent_id uuid,
    closed_by_agent_id  uuid,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    closed_at           timestamptz,
    deleted_at          timestamptz,
    CONSTRAINT tasks_project_number_uq UNIQUE (project_id, task_number)
);

-- GET /v1/tasks/ready and the wake stream's work_available poll: open, unassigned, live, by priority then number.
CREATE INDEX tasks_ready_idx ON hub.tasks (project_id, priority, task_number)
    WHERE status = 'open' AND assignee_agent_id IS NULL AND deleted_at IS NULL;
-- The close cascade and the apex walk: a task's children.
CREATE INDEX tasks_parent_idx ON hub.tasks (parent_task_id) WHERE parent_task_id IS NOT NULL;
-- The assignee filter of GET /v1/tasks.
CREATE INDEX tasks_assignee_idx ON hub.tasks (project_id, assignee_agent_id) WHERE deleted_at IS NULL;

-- task_id depends on depends_on_task_id (depends_on_task_id blocks task_id).
CREATE TABLE hub.task_dependencies (
    task_id            uuid        NOT NULL REFERENCES hub.tasks (task_id) ON DELETE CASCADE,
    depends_on_task_id uuid        NOT NULL REFERENCES hub.tasks (task_id) ON DELETE CASCADE,
    created_at         timestamptz NOT NULL,
    PRIMARY KEY (task_id, depends_on_task_id),
    CONSTRAINT task_dependencies_self_ck CHECK (task_id <> depends_on_task_id)
);
-- "blocks": the tasks that depend on one task.
CREATE INDEX task_dependencies_blocks_idx ON hub.task_dependencies (depends_on_task_id);

CREATE TABLE hub.task_comments (
    comment_id uuid        PRIMARY KEY,
    task_id    uuid        NOT NULL REFERENCES hub.tasks (task_id) ON DELETE CASCADE,
    agent_id   uuid        NOT NULL,
    body       text        NOT NULL CHECK (char_length(body) BETWEEN 1 AND 65536),
    created_at timestamptz NOT NULL
);
-- GET /v1/tasks/{ref}/comments: oldest first.
CREATE INDEX task_comments_task_idx ON hub.task_comments (task_id, created_at, comment_id);
