package dev.agenthub.hub.tasks;

import dev.agenthub.hub.tasks.port.TaskStore;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Walks the parent chain of native tasks: the ancestor check of a parent change. */
final class TaskTree {

    private TaskTree() {
    }

    /**
     * Whether walking up the parent chain from {@code start} (itself included) reaches {@code task}: making
     * {@code start} the parent of {@code task} would then close a cycle. Cycle-safe; without a step limit.
     */
    static boolean reaches(TaskStore tasks, ProjectId project, UUID start, UUID task) {
        Set<UUID> seen = new HashSet<>();
        UUID current = start;
        while (current != null && seen.add(current)) {
            if (current.equals(task)) {
                return true;
            }
            current = tasks.findById(project, current).map(Task::parent).orElse(null);
        }
        return false;
    }
}
