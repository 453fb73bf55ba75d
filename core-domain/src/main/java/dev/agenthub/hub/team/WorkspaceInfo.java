package dev.agenthub.hub.team;

import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One workspace as the listings of §4.4 show it ({@code WorkspaceInfo}), with presence, claims and titles
 * resolved and the public-reader redaction applied. Every nullable field is emitted as {@code null}.
 *
 * @param project     null in the online listing
 * @param repo        the canonical origin of the workspace's repo; null when the repo is deleted (and online)
 * @param status      the presence status ({@code active} when it carries none), else {@code offline};
 *                    {@code unknown} in the online listing for a record without one
 * @param lastSeen    presence {@code last_seen}, else the workspace's {@code last_seen_at}; null when never seen
 * @param claims      empty unless claims were asked for; newest {@code claimed_at} first
 */
public record WorkspaceInfo(AgentId id, String alias, String humanName, ProjectId project, String projectSlug,
                            String program, String model, String repo, String branch, String memberEmail,
                            String role, String hostname, String workspacePath, String apexId, String apexTitle,
                            String apexType, String focusApexId, String focusApexTitle, String focusApexType,
                            String focusApexRepoName, String focusApexBranch, Instant focusUpdatedAt,
                            String status, Instant lastSeen, Instant deletedAt, List<ClaimInfo> claims) {

    public WorkspaceInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(status, "status");
        claims = List.copyOf(claims);
    }

    /** One claim of a workspace, with the titles of its bead and apex (null when unknown). */
    public record ClaimInfo(String beadId, String title, Instant claimedAt, String apexId, String apexTitle,
                            String apexType) {

        public ClaimInfo {
            Objects.requireNonNull(beadId, "beadId");
            Objects.requireNonNull(claimedAt, "claimedAt");
        }
    }
}
