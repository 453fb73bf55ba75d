package dev.agenthub.protocol.live.port;

import dev.agenthub.protocol.kernel.id.ProjectId;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Port: the work items an agent of a project could pick up now, for the {@code work_available} frames of the
 * wake stream (wire spec §13.3). The protocol defines it; the host's work capability (native tasks) implements
 * it. The wake stream calls it once when it opens and then once a second, so an implementation should answer
 * from one indexed query. It must not fail for an empty project; a failure skips that round of the stream.
 */
public interface ReadyWork {

    /** No work capability: wake streams carry no {@code work_available} frames. */
    ReadyWork NONE = (project, limit) -> List.of();

    /** A ready work item as the frame shows it. */
    record Item(UUID id, String title) {

        public Item {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
        }
    }

    /**
     * Up to {@code limit} ready items of the project, in the order agents should take them (for native tasks:
     * open, unassigned, without an open blocker, by priority then number).
     */
    List<Item> ready(ProjectId project, int limit);
}
