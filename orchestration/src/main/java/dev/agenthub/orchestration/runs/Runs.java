package dev.agenthub.orchestration.runs;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.orchestration.runs.port.RunStore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code GET /projects/{id}/runs} (wire spec agenthub §5): a project's agent runs, newest first. */
public final class Runs {

    private final Projects projects;
    private final RunStore store;

    public Runs(Projects projects, RunStore store) {
        this.projects = Objects.requireNonNull(projects, "projects");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** @throws dev.agenthub.protocol.kernel.error.DomainError.NotFound {@code Project not found} */
    public List<AgentRun> list(long projectId, Optional<RunStatus> status, PageSlice page) {
        projects.require(projectId);
        return store.list(projectId, status, page);
    }
}
