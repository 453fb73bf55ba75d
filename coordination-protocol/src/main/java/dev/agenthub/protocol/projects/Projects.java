package dev.agenthub.protocol.projects;

import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.util.Objects;
import java.util.Optional;

/** Project reads for authenticated callers. */
public final class Projects {

    private final ProjectStore store;

    public Projects(ProjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The caller's project ({@code GET /v1/projects/current}).
     *
     * @throws DomainError.NotFound {@code Project not found} when it is unknown or deleted (possible in proxy
     *                              mode, where the wrapper names the project)
     */
    public Project current(ProjectId project) {
        return store.find(project).orElseThrow(() -> new DomainError.NotFound("Project not found"));
    }

    /** The live project with this id, or empty when it is unknown or deleted. */
    public Optional<Project> find(ProjectId project) {
        return store.find(project);
    }
}
