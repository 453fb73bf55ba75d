package dev.agenthub.hub.policies;

import dev.agenthub.hub.policies.port.PolicyStore;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A {@link PolicyStore} in memory for domain tests: the lock only checks that the project exists and counts. */
final class InMemoryPolicyStore implements PolicyStore {

    private final Set<ProjectId> projects;
    private final Map<UUID, PolicyVersion> versions = new LinkedHashMap<>();
    private final Map<ProjectId, UUID> active = new HashMap<>();
    int locks;

    InMemoryPolicyStore(Set<ProjectId> projects) {
        this.projects = projects;
    }

    @Override
    public synchronized Optional<UUID> lockProject(ProjectId project) {
        if (!projects.contains(project)) {
            throw new IllegalStateException("no live project " + project);
        }
        locks++;
        return activeId(project);
    }

    @Override
    public synchronized Optional<UUID> activeId(ProjectId project) {
        return Optional.ofNullable(active.get(project));
    }

    @Override
    public synchronized Optional<PolicyVersion> find(UUID policyId) {
        return Optional.ofNullable(versions.get(policyId));
    }

    @Override
    public synchronized int maxVersion(ProjectId project) {
        return versions.values().stream().filter(v -> v.project().equals(project)).mapToInt(PolicyVersion::version)
                .max().orElse(0);
    }

    @Override
    public synchronized void insert(PolicyVersion version) {
        if (versions.containsKey(version.id()) || versions.values().stream()
                .anyMatch(v -> v.project().equals(version.project()) && v.version() == version.version())) {
            throw new IllegalStateException("taken: " + version.id() + " / " + version.version());
        }
        versions.put(version.id(), version);
    }

    @Override
    public synchronized void setActive(ProjectId project, UUID policyId) {
        active.put(project, policyId);
    }

    @Override
    public synchronized List<PolicyVersion> newestFirst(ProjectId project, int limit) {
        return versions.values().stream().filter(v -> v.project().equals(project))
                .sorted(Comparator.comparingInt(PolicyVersion::version).reversed()).limit(limit).toList();
    }
}
