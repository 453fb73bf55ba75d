package dev.agenthub.orchestration.policy;

import java.util.Objects;
import java.util.Optional;

/** A validated {@code PATCH /projects/{id}/policy} body: an empty switch stays as it is. */
public record PolicyChanges(Optional<Boolean> autoTriage, Optional<Boolean> autoAssign, Optional<Boolean> autoReview,
                            Optional<Boolean> autoMerge, Optional<Integer> minReviewApprovals,
                            Optional<Boolean> requireTestPass) {

    public PolicyChanges {
        Objects.requireNonNull(autoTriage, "autoTriage");
        Objects.requireNonNull(autoAssign, "autoAssign");
        Objects.requireNonNull(autoReview, "autoReview");
        Objects.requireNonNull(autoMerge, "autoMerge");
        Objects.requireNonNull(minReviewApprovals, "minReviewApprovals");
        Objects.requireNonNull(requireTestPass, "requireTestPass");
    }

    /** {@code current} with the present changes applied. */
    public PolicySettings applyTo(PolicySettings current) {
        return new PolicySettings(autoTriage.orElse(current.autoTriage()), autoAssign.orElse(current.autoAssign()),
                autoReview.orElse(current.autoReview()), autoMerge.orElse(current.autoMerge()),
                minReviewApprovals.orElse(current.minReviewApprovals()), requireTestPass.orElse(current.requireTestPass()));
    }
}
