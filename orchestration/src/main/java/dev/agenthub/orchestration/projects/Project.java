package dev.agenthub.orchestration.projects;

import java.time.Instant;
import java.util.Objects;

/** An Agent Hub project (wire spec agenthub §4 ProjectRead): a repository the autopilot works on. */
public record Project(long id, String name, String repoUrl, String defaultBranch, Instant createdAt) {

    public Project {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repoUrl, "repoUrl");
        Objects.requireNonNull(defaultBranch, "defaultBranch");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
