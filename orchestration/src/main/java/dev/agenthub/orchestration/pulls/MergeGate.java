package dev.agenthub.orchestration.pulls;

import dev.agenthub.orchestration.policy.PolicySettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The merge gates of the autopilot: the cycle's (wire spec agenthub §6.3 step 11) and the human one (§14 D3). */
public final class MergeGate {

    private MergeGate() {
    }

    /**
     * §6.3 step 11: {@code policy.auto_merge}, {@code pr.auto_merge}, {@code approvals} (the approvals among this
     * cycle's reviews) at least {@code min_review_approvals}, and passed checks unless {@code require_test_pass} is off.
     */
    public static boolean cycleAllows(PolicySettings policy, boolean prAutoMerge, boolean checksPassed, int approvals) {
        return policy.autoMerge() && prAutoMerge && approvals >= policy.minReviewApprovals()
                && (!policy.requireTestPass() || checksPassed);
    }

    /**
     * §14 D3: takes each reviewer's latest decision ({@code reviews} oldest first); the merge needs approvals at least
     * {@code min_review_approvals}, no human whose latest decision is {@code request_changes}, and passed checks when
     * {@code require_test_pass} is on.
     */
    public static Verdict human(PolicySettings policy, boolean checksPassed, List<Review> reviews) {
        Map<String, Review> latest = new LinkedHashMap<>();
        for (Review review : reviews) {
            latest.remove(review.reviewerKey());
            latest.put(review.reviewerKey(), review);
        }
        int approvals = 0;
        List<String> requesting = new ArrayList<>();
        for (Review review : latest.values()) {
            if (review.decision() == ReviewDecision.APPROVE) {
                approvals++;
            } else if (review.agentId().isEmpty()) {
                requesting.add(review.reviewer().orElse(""));
            }
        }
        List<String> reasons = new ArrayList<>();
        if (approvals < policy.minReviewApprovals()) {
            reasons.add("approvals " + approvals + "/" + policy.minReviewApprovals());
        }
        for (String reviewer : requesting) {
            reasons.add("changes requested by " + reviewer);
        }
        if (policy.requireTestPass() && !checksPassed) {
            reasons.add("checks not passed");
        }
        return new Verdict(approvals, reasons);
    }

    /** The human gate's result: the approvals counted and the reasons it blocks (none when it passes). */
    public record Verdict(int approvals, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
        }

        public boolean passes() {
            return reasons.isEmpty();
        }

        /** The reasons joined by {@code "; "}, as in {@code Merge blocked: <reasons>}. */
        public String joinedReasons() {
            return String.join("; ", reasons);
        }
    }
}
