package dev.agenthub.testkit.autopilot;

import dev.agenthub.orchestration.pulls.NewPullRequest;
import dev.agenthub.orchestration.pulls.Review;
import dev.agenthub.orchestration.pulls.ReviewDecision;
import dev.agenthub.orchestration.pulls.port.PullRequestStore;
import dev.agenthub.orchestration.pulls.port.ReviewStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@link ReviewStore} contract (wire spec agenthub §13, §14 D3). Every check is scoped to fresh projects. */
public abstract class ReviewStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    protected abstract ReviewStore store();

    /** The pull request store of the same implementation, to open the PRs under review. */
    protected abstract PullRequestStore pullRequests();

    protected abstract AutopilotSeeds seeds();

    private long newPullRequest(long project, long agent) {
        long item = seeds().newWorkItem(project);
        return pullRequests().open(project, new NewPullRequest(item, "[agent] x", "d", "agent/" + item + "-x",
                "main", true, true, agent), T0).orElseThrow().id();
    }

    @Test
    void agentAndHumanReviewsAreStoredAsGiven() {
        long project = seeds().newProject();
        long agent = seeds().newAgent(project, 2);
        long pr = newPullRequest(project, agent);
        Review byAgent = store().insert(pr, Optional.of(agent), Optional.of("Sentinel Reviewer"),
                ReviewDecision.APPROVE, "Looks fine.", T0);
        assertThat(byAgent.pullRequestId()).isEqualTo(pr);
        assertThat(byAgent.agentId()).contains(agent);
        assertThat(byAgent.reviewer()).contains("Sentinel Reviewer");
        assertThat(byAgent.decision()).isEqualTo(ReviewDecision.APPROVE);
        assertThat(byAgent.comment()).isEqualTo("Looks fine.");
        assertThat(byAgent.createdAt()).isEqualTo(T0);
        Review byHuman = store().insert(pr, Optional.empty(), Optional.of("principal:ada"),
                ReviewDecision.REQUEST_CHANGES, "", T0.plusSeconds(1));
        assertThat(byHuman.agentId()).isEmpty();
        assertThat(byHuman.id()).isGreaterThan(byAgent.id());
        Review anonymousAgent = store().insert(pr, Optional.of(agent), Optional.empty(), ReviewDecision.APPROVE, "c",
                T0.plusSeconds(2));
        assertThat(anonymousAgent.reviewer()).isEmpty();
        assertThat(store().forPullRequest(pr)).containsExactly(byAgent, byHuman, anonymousAgent);
    }

    @Test
    void reviewsAreOldestFirstThenByIdAndOnlyThePullRequests() {
        long project = seeds().newProject();
        long agent = seeds().newAgent(project, 2);
        long pr = newPullRequest(project, agent);
        long otherPr = newPullRequest(project, agent);
        Review late = store().insert(pr, Optional.of(agent), Optional.empty(), ReviewDecision.APPROVE, "late",
                T0.plusSeconds(10));
        Review tiedA = store().insert(pr, Optional.empty(), Optional.of("api-key"), ReviewDecision.APPROVE, "a", T0);
        Review tiedB = store().insert(pr, Optional.empty(), Optional.of("anonymous"), ReviewDecision.APPROVE, "b", T0);
        store().insert(otherPr, Optional.of(agent), Optional.empty(), ReviewDecision.APPROVE, "other", T0);
        assertThat(store().forPullRequest(pr)).containsExactly(tiedA, tiedB, late);
        assertThat(store().forPullRequest(pr + 1_000_000)).isEmpty();
    }
}
