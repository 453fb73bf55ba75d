package dev.agenthub.orchestration.policy;

/**
 * The six switches of an automation policy (wire spec agenthub §4 AutomationPolicyRead), as stored on the policy
 * and copied onto each revision.
 */
public record PolicySettings(boolean autoTriage, boolean autoAssign, boolean autoReview, boolean autoMerge,
                             int minReviewApprovals, boolean requireTestPass) {

    /** Every switch on, one approval. */
    public static final PolicySettings DEFAULTS = new PolicySettings(true, true, true, true, 1, true);

    public PolicySettings {
        if (minReviewApprovals < 1 || minReviewApprovals > 10) {
            throw new IllegalArgumentException("minReviewApprovals must be 1..10: " + minReviewApprovals);
        }
    }
}
