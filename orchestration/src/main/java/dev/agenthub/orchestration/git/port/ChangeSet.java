package dev.agenthub.orchestration.git.port;

import java.util.List;
import java.util.Objects;

/** What a provider asks the engine to commit: a unified diff, or a list of file changes (§6.3 step 5). */
public sealed interface ChangeSet {

    /** A unified diff ({@code git diff} format) applied to the default branch's tree. */
    record UnifiedPatch(String diff) implements ChangeSet {
        public UnifiedPatch {
            Objects.requireNonNull(diff, "diff");
        }
    }

    /** Files to write or remove, applied in order. */
    record FileChanges(List<FileChange> changes) implements ChangeSet {
        public FileChanges {
            changes = List.copyOf(changes);
        }
    }
}
