-- The number of stored bead issues per (project, repo, branch): the issues_count of every /v1/bdh/sync answer.
-- Counting 10,000 rows took several milliseconds per sync; this row is read in one index lookup. Statement-level
-- triggers keep it exact whatever deletes or inserts the rows (sync, uploads, a project's cascade, an operator's
-- DELETE): a row is counted by the statement that inserts it and uncounted by the one that deletes it, in the same
-- transaction. Concurrent writers of one (project, repo, branch) serialise on its counter row until they commit.
CREATE TABLE hub.bead_issue_counts (
    project_id  uuid    NOT NULL REFERENCES protocol.projects (project_id) ON DELETE CASCADE,
    repo        text    NOT NULL,
    branch      text    NOT NULL,
    issue_count integer NOT NULL CHECK (issue_count >= 0),
    PRIMARY KEY (project_id, repo, branch)
);

-- the rows stored before this migration
INSERT INTO hub.bead_issue_counts (project_id, repo, branch, issue_count)
SELECT project_id, repo, branch, count(*) FROM hub.bead_issues GROUP BY project_id, repo, branch;

CREATE FUNCTION hub.bead_issues_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO hub.bead_issue_counts (project_id, repo, branch, issue_count)
    SELECT project_id, repo, branch, count(*) FROM inserted_rows GROUP BY project_id, repo, branch
    ON CONFLICT (project_id, repo, branch)
        DO UPDATE SET issue_count = hub.bead_issue_counts.issue_count + EXCLUDED.issue_count;
    RETURN NULL;
END;
$$;

CREATE FUNCTION hub.bead_issues_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE hub.bead_issue_counts c SET issue_count = c.issue_count - d.removed
    FROM (SELECT project_id, repo, branch, count(*) AS removed FROM deleted_rows GROUP BY project_id, repo, branch) d
    WHERE c.project_id = d.project_id AND c.repo = d.repo AND c.branch = d.branch;
    RETURN NULL;
END;
$$;

CREATE TRIGGER bead_issues_count_inserted_trg AFTER INSERT ON hub.bead_issues
    REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION hub.bead_issues_count_inserted();
CREATE TRIGGER bead_issues_count_deleted_trg AFTER DELETE ON hub.bead_issues
    REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION hub.bead_issues_count_deleted();

-- TRUNCATE fires no DELETE trigger: it empties the counts with the rows.
CREATE FUNCTION hub.bead_issues_count_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM hub.bead_issue_counts;
    RETURN NULL;
END;
$$;

CREATE TRIGGER bead_issues_count_truncated_trg AFTER TRUNCATE ON hub.bead_issues
    FOR EACH STATEMENT EXECUTE FUNCTION hub.bead_issues_count_truncated();

-- The key columns of a bead issue never change (the store's updates do not touch them); refuse it outright so the
-- counts cannot drift.
CREATE FUNCTION hub.bead_issues_key_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.project_id <> OLD.project_id OR NEW.repo <> OLD.repo OR NEW.branch <> OLD.branch THEN
        RAISE EXCEPTION 'the project, repo and branch of a bead issue never change';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER bead_issues_key_fixed_trg BEFORE UPDATE OF project_id, repo, branch ON hub.bead_issues
    FOR EACH ROW EXECUTE FUNCTION hub.bead_issues_key_fixed();
