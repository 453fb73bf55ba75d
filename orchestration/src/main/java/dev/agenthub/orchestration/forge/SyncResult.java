package dev.agenthub.orchestration.forge;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer of a forge sync (wire spec agenthub §10, §14 D6): the remote object now linked, the commit status
 * state the forge answered (empty when no SHA was found), and whether this sync created the remote object.
 */
public record SyncResult(Forge forge, ForgeRepo repo, long number, Optional<String> url,
                         Optional<String> commitStatusState, boolean created) {

    public SyncResult {
        Objects.requireNonNull(forge, "forge");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(commitStatusState, "commitStatusState");
    }
}
