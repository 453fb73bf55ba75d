package dev.agenthub.hub.beads.port;

import dev.agenthub.protocol.kernel.id.ProjectId;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Port: the live (not soft-deleted) native tasks of a project as the bead-facing capabilities see them: title
 * and type resolution (wire spec §4.4, which consults native tasks first) and the apex of a claim on a bead that
 * is no bead issue (§6.2, the root of the native task parent chain). It lives beside the bead ports because
 * claims and titles consult it; the tasks capability implements it. Every method joins the caller's
 * transaction when one is active.
 */
public interface NativeTaskIndex {

    /** An index without tasks, for hosts that do not serve native tasks. */
    NativeTaskIndex NONE = new NativeTaskIndex() {
        @Override
        public Map<String, Entry> byRefs(ProjectId project, Collection<String> refs) {
            return Map.of();
        }

        @Override
        public Optional<Entry> byId(ProjectId project, UUID id) {
            return Optional.empty();
        }
    };

    /**
     * A live native task.
     *
     * @param ref    {@code <slug>-NNN}
     * @param type   its {@code task_type}
     * @param parent its parent task, or null
     */
    record Entry(UUID id, String ref, String title, String type, UUID parent) {

        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(ref, "ref");
        }
    }

    /**
     * The live tasks of the project whose ref ({@code <slug>-NNN}) is one of {@code refs}, keyed by that ref. Refs
     * that name no live task are absent; other strings are ignored.
     */
    Map<String, Entry> byRefs(ProjectId project, Collection<String> refs);

    /** The live task with this id in this project, or empty (unknown, foreign or deleted). */
    Optional<Entry> byId(ProjectId project, UUID id);
}
