-- Forge sync (wire spec agenthub §10, §14 D6): per pull request and forge one remote link, and the comments
-- already posted through it, so a repeated sync updates instead of creating and never repeats a comment.
CREATE TABLE orchestration.pull_request_remote_links (
    pull_request_id bigint      NOT NULL REFERENCES orchestration.pull_requests (id) ON DELETE CASCADE,
    forge           text        NOT NULL CHECK (forge IN ('github', 'gitlab')),
    -- GitHub PR number or GitLab MR iid
    remote_number   bigint      NOT NULL,
    remote_url      text,
    -- owner/repo (GitHub) or the project path (GitLab), not encoded
    repo_path       text        NOT NULL,
    last_synced_at  timestamptz NOT NULL,
    PRIMARY KEY (pull_request_id, forge)
);

CREATE TABLE orchestration.pull_request_remote_comments (
    pull_request_id bigint      NOT NULL REFERENCES orchestration.pull_requests (id) ON DELETE CASCADE,
    forge           text        NOT NULL CHECK (forge IN ('github', 'gitlab')),
    issue_number    bigint      NOT NULL,
    -- lowercase hex SHA-256 of the UTF-8 comment body
    body_sha256     text        NOT NULL CHECK (char_length(body_sha256) = 64),
    posted_at       timestamptz NOT NULL,
    PRIMARY KEY (pull_request_id, forge, issue_number, body_sha256)
);
