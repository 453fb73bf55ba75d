package dev.agenthub.orchestration.git.port;

import java.nio.file.Path;

/**
 * A prepared project workspace, valid only inside {@link GitWorkspaces#withWorkspace}. The default branch is checked
 * out when the handle is handed over.
 */
public interface Workspace {

    /** The workspace's root directory (where the validation command runs). */
    Path root();

    /** The overview of the default branch's tracked files (§7.2). */
    WorkspaceOverview overview();

    /**
     * §6.3 step 6: from the default branch, force-deletes any branch {@code branch} and creates it, applies
     * {@code changes} (a patch is checked first, then applied fixing whitespace; file writes add a trailing newline),
     * refuses any path resolving outside the root before writing and again after (over the changed and untracked
     * paths), stages everything and commits with the hub identity and {@code message}. Nothing to commit is
     * tolerated (the result is then the default branch's HEAD). The branch stays checked out afterwards.
     *
     * @throws GitFailure on any failure, a refused path included; the workspace is left on the default branch
     */
    Committed commitOnFreshBranch(String branch, ChangeSet changes, String message);

    /**
     * §6.3 step 12: checks out the default branch, merges {@code branch} fast-forward only, else with a merge commit
     * {@code Merge <branch> [agent]}; with {@code push}, pushes the branch and then the default branch to
     * {@code origin}. The result is the new HEAD.
     *
     * @throws GitFailure on any failure (a conflict, an unknown branch, a rejected push)
     */
    Merged merge(String branch, boolean push);

    /** The result of a commit: the HEAD SHA and the diff of HEAD against its first parent (empty for no change). */
    record Committed(String sha, String diff) {
    }

    /** The result of a merge: the default branch's new HEAD, and whether it was a fast-forward. */
    record Merged(String sha, boolean fastForward) {
    }
}
