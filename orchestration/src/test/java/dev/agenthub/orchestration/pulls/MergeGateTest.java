package dev.agenthub.orchestration.pulls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.orchestration.policy.PolicySettings;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MergeGateTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final PolicySettings DEFAULTS = PolicySettings.DEFAULTS;

    private static Review agent(long id, ReviewDecision d) {
        return new Review(id, 1, Optional.of(id), Optional.of("Agent " + id), d, "", T);
    }

    private static Review human(String who, ReviewDecision d) {
        return new Review(100, 1, Optional.empty(), Optional.of(who), d, "", T);
    }

    @Test
    void cycleGateNeedsEveryCondition() {
        assertThat(MergeGate.cycleAllows(DEFAULTS, true, true, 1)).isTrue();
        assertThat(MergeGate.cycleAllows(DEFAULTS, false, true, 1)).isFalse();
        assertThat(MergeGate.cycleAllows(DEFAULTS, true, false, 1)).isFalse();
        assertThat(MergeGate.cycleAllows(DEFAULTS, true, true, 0)).isFalse();
        assertThat(MergeGate.cycleAllows(new PolicySettings(true, true, true, false, 1, true), true, true, 2)).isFalse();
        assertThat(MergeGate.cycleAllows(new PolicySettings(true, true, true, true, 1, false), true, false, 1)).isTrue();
    }

    @Test
    void humanGateCountsEachReviewersLatestDecision() {
        MergeGate.Verdict verdict = MergeGate.human(new PolicySettings(true, true, true, true, 2, true), true, List.of(
                agent(1, ReviewDecision.APPROVE), human("principal:bob", ReviewDecision.APPROVE),
                human("principal:bob", ReviewDecision.APPROVE), agent(1, ReviewDecision.REQUEST_CHANGES)));
        assertThat(verdict.approvals()).isEqualTo(1);
        assertThat(verdict.joinedReasons()).isEqualTo("approvals 1/2");
    }

    @Test
    void humanGateReportsEveryReasonInOrder() {
        MergeGate.Verdict verdict = MergeGate.human(DEFAULTS, false, List.of(
                human("api-key", ReviewDecision.REQUEST_CHANGES), agent(2, ReviewDecision.REQUEST_CHANGES)));
        assertThat(verdict.passes()).isFalse();
        assertThat(verdict.joinedReasons()).isEqualTo("approvals 0/1; changes requested by api-key; checks not passed");
    }

    @Test
    void aHumanWhoApprovesAfterRequestingChangesNoLongerBlocks() {
        MergeGate.Verdict verdict = MergeGate.human(DEFAULTS, true, List.of(
                human("anonymous", ReviewDecision.REQUEST_CHANGES), human("anonymous", ReviewDecision.APPROVE)));
        assertThat(verdict.passes()).isTrue();
        assertThat(verdict.approvals()).isEqualTo(1);
    }

    @Test
    void checksAreIgnoredWhenTestsAreNotRequired() {
        assertThat(MergeGate.human(new PolicySettings(true, true, true, true, 1, false), false,
                List.of(agent(1, ReviewDecision.APPROVE))).passes()).isTrue();
    }
}
