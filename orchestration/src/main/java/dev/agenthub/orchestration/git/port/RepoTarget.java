package dev.agenthub.orchestration.git.port;

import java.util.Objects;

/**
 * The repository a project's workspace is cloned from: {@code repoUrl} as stored on the project (a remote URL, or a
 * resolved local path, wire spec agenthub §5.1) and its default branch.
 */
public record RepoTarget(long projectId, String repoUrl, String defaultBranch) {

    public RepoTarget {
        Objects.requireNonNull(repoUrl, "repoUrl");
        Objects.requireNonNull(defaultBranch, "defaultBranch");
    }
}
