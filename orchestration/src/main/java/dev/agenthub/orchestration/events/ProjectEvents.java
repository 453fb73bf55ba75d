package dev.agenthub.orchestration.events;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.events.port.EventLog;
import dev.agenthub.orchestration.projects.Projects;

import java.util.List;
import java.util.Objects;

/** {@code GET /projects/{id}/events} (wire spec agenthub §5): a project's event log, newest first. */
public final class ProjectEvents {

    private final Projects projects;
    private final EventLog log;

    public ProjectEvents(Projects projects, EventLog log) {
        this.projects = Objects.requireNonNull(projects, "projects");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** @throws dev.agenthub.protocol.kernel.error.DomainError.NotFound {@code Project not found} */
    public List<ProjectEvent> list(long projectId, PageSlice page) {
        projects.require(projectId);
        return log.list(projectId, page);
    }
}
