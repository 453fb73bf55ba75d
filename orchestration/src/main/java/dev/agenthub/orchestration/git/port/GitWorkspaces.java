package dev.agenthub.orchestration.git.port;

import java.util.function.Function;

/**
 * Port: the per-project git workspaces of the autopilot (wire spec agenthub §6.3 steps 4, 6, 12 and §6.4).
 * Implementations use no {@code git} process. The contract kit's {@code GitWorkspacesContract} checks them against
 * real repositories.
 *
 * <p>{@link #withWorkspace} is the only entry: it takes the project's exclusive lock (held across server instances
 * through {@link ProjectLocks}), prepares the workspace (clone when missing, set the hub identity, fetch with prune
 * ignoring failure, check out the default branch or create it from {@code origin/<default>}, fast-forward it from
 * the remote ignoring failure) and only then runs {@code work} with a handle that is valid until it returns. The
 * lock is released when {@code work} returns or throws.
 */
public interface GitWorkspaces {

    /**
     * Runs {@code work} on the prepared workspace of {@code target} under the project's exclusive lock.
     *
     * @throws GitFailure when the workspace cannot be prepared (e.g. the clone fails, or an existing directory is not
     *                    a git repository) or the lock is not obtained within the git timeout; {@code work}'s own
     *                    exceptions propagate unchanged
     */
    <T> T withWorkspace(RepoTarget target, Function<Workspace, T> work);
}
