package dev.agenthub.orchestration.forge.port;

import dev.agenthub.orchestration.forge.Forge;
import dev.agenthub.orchestration.forge.RemoteLink;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the forge links of local pull requests and the comments posted through them (wire spec agenthub §14 D6).
 * At most one link per (pull request, forge). Every method joins the caller's transaction when one is active;
 * safe for concurrent use. Implementations are checked by the contract kit's {@code RemoteLinkStoreContract}.
 */
public interface RemoteLinkStore {

    /** The PR's link to this forge, or empty. */
    Optional<RemoteLink> find(long pullRequestId, Forge forge);

    /** The PR's links, GitHub first. */
    List<RemoteLink> forPullRequest(long pullRequestId);

    /**
     * Inserts the link, or replaces number, url, repo path and {@code last_synced_at} of the PR's existing link to
     * that forge. The PR must exist (a foreign-key failure otherwise).
     */
    void save(RemoteLink link);

    /** Whether a comment with this body hash was recorded for (PR, forge, issue). */
    boolean commentPosted(long pullRequestId, Forge forge, long issueNumber, String bodySha256);

    /**
     * Records that the comment was posted; recording the same (PR, forge, issue, hash) again changes nothing.
     *
     * @return true when this call recorded it, false when it was recorded already
     */
    boolean recordComment(long pullRequestId, Forge forge, long issueNumber, String bodySha256, Instant at);
}
