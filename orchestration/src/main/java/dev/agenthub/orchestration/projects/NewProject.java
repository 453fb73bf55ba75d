package dev.agenthub.orchestration.projects;

import java.util.Objects;

/**
 * A validated {@code POST /projects} body (wire spec agenthub §5): name 2..120, repo URL 3..500 (before the §5.1
 * rules), default branch 1..120.
 */
public record NewProject(String name, String repoUrl, String defaultBranch) {

    public NewProject {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repoUrl, "repoUrl");
        Objects.requireNonNull(defaultBranch, "defaultBranch");
    }
}
