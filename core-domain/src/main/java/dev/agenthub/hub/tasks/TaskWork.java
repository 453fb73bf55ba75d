package dev.agenthub.hub.tasks;

import dev.agenthub.hub.tasks.port.TaskStore;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.live.port.ReadyWork;

import java.util.List;
import java.util.Objects;

/**
 * The wake stream's ready work (wire spec §13.3) from native tasks: open, unassigned, without an open blocker,
 * by priority then number, read as ids and titles only.
 */
public final class TaskWork implements ReadyWork {

    private final TaskStore tasks;

    public TaskWork(TaskStore tasks) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    @Override
    public List<Item> ready(ProjectId project, int limit) {
        return tasks.readyItems(project, limit);
    }
}
