package dev.agenthub.orchestration.pulls;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A review of a pull request (wire spec agenthub §4 ReviewRead). An agent review has {@code agentId}; a human one
 * (§14 D3) has none and names the human in {@code reviewer} ({@code principal:<sub>}, {@code api-key} or
 * {@code anonymous}). Agent reviews carry the agent's name as {@code reviewer} when the cycle records one.
 */
public record Review(long id, long pullRequestId, Optional<Long> agentId, Optional<String> reviewer,
                     ReviewDecision decision, String comment, Instant createdAt) {

    public Review {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Agent reviews by agent id, human reviews by reviewer name: the key of "each reviewer's latest decision". */
    public String reviewerKey() {
        return agentId.map(id -> "agent:" + id).orElseGet(() -> "human:" + reviewer.orElse(""));
    }
}
