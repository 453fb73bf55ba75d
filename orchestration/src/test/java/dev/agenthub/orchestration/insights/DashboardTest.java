package dev.agenthub.orchestration.insights;

import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.fakes.AutopilotFakes;
import dev.agenthub.orchestration.pulls.PullRequest;
import dev.agenthub.orchestration.pulls.PullRequestStatus;
import dev.agenthub.orchestration.pulls.NewPullRequest;
import dev.agenthub.orchestration.pulls.port.PullRequestStore;
import dev.agenthub.orchestration.workitems.NewWorkItem;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.orchestration.workitems.WorkItemStatus;
import dev.agenthub.protocol.kernel.error.DomainError;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.agenthub.orchestration.fakes.AutopilotFakes.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashboardTest {

    private final AutopilotFakes fakes = new AutopilotFakes();
    private final Map<PullRequestStatus, Integer> prCounts = new EnumMap<>(PullRequestStatus.class);
    private final Dashboard dashboard = new Dashboard(fakes.tx, fakes.projects, fakes.agents, fakes.workItems,
            new CountingPullRequests());

    @Test
    void countsItemsInProgressAndInReviewTogether() {
        long project = fakes.project("alpha");
        fakes.agents.insert(project, "T", AgentRole.TESTER, AgentStatus.ACTIVE, 2, "", NOW);
        fakes.agents.insert(project, "C", AgentRole.CODER, AgentStatus.PAUSED, 2, "", NOW);
        List<WorkItem> items = fakes.workItems.insertAll(project, List.of(item(), item(), item(), item(), item()), NOW);
        fakes.workItems.setStatus(items.get(1).id(), WorkItemStatus.IN_PROGRESS);
        fakes.workItems.setStatus(items.get(2).id(), WorkItemStatus.REVIEW);
        fakes.workItems.setStatus(items.get(3).id(), WorkItemStatus.DONE);
        fakes.workItems.insertAll(fakes.project("beta"), List.of(item()), NOW);
        prCounts.put(PullRequestStatus.OPEN, 3);
        prCounts.put(PullRequestStatus.MERGED, 4);
        prCounts.put(PullRequestStatus.CLOSED, 9);
        DashboardView view = dashboard.view(project);
        assertThat(view.project().name()).isEqualTo("alpha");
        assertThat(view.agents()).extracting(a -> a.name()).containsExactly("C", "T");
        assertThat(view.backlogCount()).isEqualTo(2);
        assertThat(view.inProgressCount()).isEqualTo(2);
        assertThat(view.doneCount()).isEqualTo(1);
        assertThat(view.openPrCount()).isEqualTo(3);
        assertThat(view.mergedPrCount()).isEqualTo(4);
    }

    @Test
    void anEmptyProjectCountsZeros() {
        long project = fakes.project("alpha");
        assertThat(dashboard.view(project)).isEqualTo(new DashboardView(fakes.projects.require(project), List.of(),
                0, 0, 0, 0, 0));
    }

    @Test
    void anUnknownProjectIsNotFound() {
        assertThatThrownBy(() -> dashboard.view(5)).isInstanceOf(DomainError.NotFound.class)
                .hasMessage("Project not found");
    }

    private static NewWorkItem item() {
        return new NewWorkItem("Scope: x", "d", 1, "system", "o");
    }

    private final class CountingPullRequests implements PullRequestStore {
        @Override
        public Map<PullRequestStatus, Integer> countByStatus(long projectId) {
            return prCounts;
        }

        @Override
        public Optional<PullRequest> open(long projectId, NewPullRequest pullRequest, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<PullRequest> find(long projectId, long pullRequestId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<PullRequest> lock(long projectId, long pullRequestId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PullRequest> list(long projectId, Optional<PullRequestStatus> status, PageSlice page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean markMerged(long pullRequestId, String description, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean close(long pullRequestId) {
            throw new UnsupportedOperationException();
        }
    }
}
