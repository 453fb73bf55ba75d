package dev.agenthub.protocol.fakes;

import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.port.ProjectStore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ProjectStore} over a map; {@link #delete} soft-deletes (the project is then never returned). */
public final class InMemoryProjectStore implements ProjectStore {

    private final Map<ProjectId, Project> live = new LinkedHashMap<>();
    private final Map<ProjectId, Project> deleted = new LinkedHashMap<>();

    /** Seeds a live project. */
    public Project add(Project project) {
        if (live.containsKey(project.id()) || findBySlug(project.slug()).isPresent() && project.tenantId() == null) {
            throw new IllegalArgumentException("project already present: " + project);
        }
        live.put(project.id(), project);
        return project;
    }

    /** Soft-deletes a project that must be live, freeing its slug. */
    public void delete(ProjectId id) {
        if (!softDelete(id, Instant.EPOCH)) {
            throw new IllegalArgumentException("no live project " + id);
        }
    }

    @Override
    public boolean softDelete(ProjectId id, Instant now) {
        Project project = live.remove(id);
        if (project == null) {
            return false;
        }
        deleted.put(id, project);
        return true;
    }

    /** Every live project, in insertion order. */
    public List<Project> all() {
        return List.copyOf(live.values());
    }

    @Override
    public Optional<Project> find(ProjectId id) {
        return Optional.ofNullable(live.get(id));
    }

    @Override
    public Optional<Project> findBySlug(String slug) {
        return live.values().stream()
                .filter(project -> project.tenantId() == null && project.slug().equals(slug))
                .findFirst();
    }

    @Override
    public Project ensure(Project candidate) {
        return findBySlug(candidate.slug()).orElseGet(() -> {
            live.put(candidate.id(), candidate);
            return candidate;
        });
    }
}
