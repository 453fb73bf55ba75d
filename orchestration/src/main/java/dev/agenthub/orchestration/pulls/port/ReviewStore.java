package dev.agenthub.orchestration.pulls.port;

import dev.agenthub.orchestration.pulls.Review;
import dev.agenthub.orchestration.pulls.ReviewDecision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: reviews of pull requests (wire spec agenthub §13, §14 D3). Every method joins the caller's transaction
 * when one is active. Implementations are checked by the contract kit's {@code ReviewStoreContract}.
 */
public interface ReviewStore {

    /** Inserts a review with a new id and returns it; {@code agentId} empty for a human review. */
    Review insert(long pullRequestId, Optional<Long> agentId, Optional<String> reviewer, ReviewDecision decision,
                  String comment, Instant at);

    /** The PR's reviews, oldest first ({@code created_at} asc, then id asc). */
    List<Review> forPullRequest(long pullRequestId);
}
