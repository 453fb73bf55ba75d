package dev.agenthub.hub.claims;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.Objects;

/**
 * A claim (wire spec §6): the workspace {@code workspace} works on the bead {@code beadId} of its project. A
 * bead id of a claim is not tied to one repo: it is the id bdh parsed from its {@code command_line}, or a native
 * task ref.
 *
 * @param alias     the claimant's alias when it claimed
 * @param humanName the claimant's human name when it claimed, possibly {@code ""}
 * @param apex      the root of the bead's parent chain when it claimed, or {@link Apex#NONE}
 */
public record Claim(ProjectId project, String beadId, AgentId workspace, String alias, String humanName,
                    Instant claimedAt, Apex apex) {

    public Claim {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(beadId, "beadId");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(humanName, "humanName");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(apex, "apex");
    }

    /**
     * The apex of a claimed bead (§6.2): the root of its parent chain. For a bead issue all three are set; for a
     * native task only {@code beadId} (repo and branch stay null); all null for none.
     */
    public record Apex(String beadId, String repo, String branch) {

        public static final Apex NONE = new Apex(null, null, null);

        public boolean present() {
            return beadId != null;
        }
    }
}
