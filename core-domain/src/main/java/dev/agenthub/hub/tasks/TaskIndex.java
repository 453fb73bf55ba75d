package dev.agenthub.hub.tasks;

import dev.agenthub.hub.beads.port.NativeTaskIndex;
import dev.agenthub.hub.tasks.port.TaskStore;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The {@link NativeTaskIndex} that claims and title resolution consult, over the task store. */
public final class TaskIndex implements NativeTaskIndex {

    private final TaskStore tasks;

    public TaskIndex(TaskStore tasks) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    @Override
    public Map<String, Entry> byRefs(ProjectId project, Collection<String> refs) {
        Map<String, Entry> entries = new HashMap<>();
        tasks.findByRefs(project, refs).forEach((ref, task) -> entries.put(ref, entry(task)));
        return entries;
    }

    @Override
    public Optional<Entry> byId(ProjectId project, UUID id) {
        return tasks.findById(project, id).map(TaskIndex::entry);
    }

    private static Entry entry(Task task) {
        return new Entry(task.id(), task.ref(), task.title(), task.taskType(), task.parent());
    }
}
