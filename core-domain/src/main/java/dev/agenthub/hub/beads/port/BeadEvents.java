package dev.agenthub.hub.beads.port;

import dev.agenthub.hub.beads.StatusChange;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

/**
 * Port: the live events of bead sync and uploads (wire spec §13.1), published on the syncing or uploading
 * workspace's channel. Callers publish only after the write committed; implementations never fail the caller.
 */
public interface BeadEvents {

    /**
     * {@code bead.status_changed {project_id: "", bead_id, repo, old_status, new_status, title, alias}}.
     *
     * @param workspace the syncing or uploading workspace
     * @param alias     its alias
     * @param repo      the canonical origin the issue was synced to
     */
    void statusChanged(AgentId workspace, ProjectId project, String alias, String repo, StatusChange change);
}
