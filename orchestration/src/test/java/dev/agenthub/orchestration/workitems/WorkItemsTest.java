package dev.agenthub.orchestration.workitems;

import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.fakes.AutopilotFakes;
import dev.agenthub.protocol.kernel.error.DomainError;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkItemsTest {

    private final AutopilotFakes fakes = new AutopilotFakes();
    private final WorkItems workItems = new WorkItems(fakes.tx, fakes.projects, fakes.workItems, fakes.agents,
            fakes.clock);

    private WorkItem newItem(long project) {
        return fakes.workItems.insertAll(project, List.of(new NewWorkItem("Scope: x", "d", 1, "system", "o")),
                AutopilotFakes.NOW).getFirst();
    }

    @Test
    void assignsAPausedAgentWithoutChangingTheStatusOrLogging() {
        long project = fakes.project("alpha");
        long agent = fakes.agent(project, AgentStatus.PAUSED);
        WorkItem item = newItem(project);
        fakes.workItems.setStatus(item.id(), WorkItemStatus.REVIEW);
        WorkItem assigned = workItems.assign(project, item.id(), agent);
        assertThat(assigned.assignedAgentId()).contains(agent);
        assertThat(assigned.status()).isEqualTo(WorkItemStatus.REVIEW);
        assertThat(fakes.events.rows()).isEmpty();
    }

    @Test
    void theItemMustBeOfTheProject() {
        long project = fakes.project("alpha");
        long other = fakes.project("beta");
        long agent = fakes.agent(other, AgentStatus.ACTIVE);
        WorkItem item = newItem(project);
        assertThatThrownBy(() -> workItems.assign(other, item.id(), agent))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Work item not found");
        assertThatThrownBy(() -> workItems.assign(project, item.id() + 1, agent))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Work item not found");
    }

    @Test
    void theAgentMustBeOfTheProject() {
        long project = fakes.project("alpha");
        long other = fakes.project("beta");
        long theirs = fakes.agent(other, AgentStatus.ACTIVE);
        WorkItem item = newItem(project);
        assertThatThrownBy(() -> workItems.assign(project, item.id(), theirs))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Agent not found for this project");
        assertThatThrownBy(() -> workItems.assign(project, item.id(), theirs + 100))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Agent not found for this project");
        assertThat(fakes.workItems.find(project, item.id()).orElseThrow().assignedAgentId()).isEmpty();
    }

    @Test
    void anUnknownProjectIsNotFoundFirst() {
        assertThatThrownBy(() -> workItems.assign(9, 1, 1))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Project not found");
        assertThatThrownBy(() -> workItems.list(9, Optional.empty(), new PageSlice(50, 0)))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Project not found");
    }

    @Test
    void listsTheProjectsItemsWithTheStatusFilter() {
        long project = fakes.project("alpha");
        WorkItem a = newItem(project);
        WorkItem b = newItem(project);
        fakes.workItems.setStatus(b.id(), WorkItemStatus.DONE);
        assertThat(workItems.list(project, Optional.of(WorkItemStatus.DONE), new PageSlice(50, 0)))
                .extracting(WorkItem::id).containsExactly(b.id());
        assertThat(workItems.list(project, Optional.empty(), new PageSlice(50, 0)))
                .extracting(WorkItem::id).containsExactly(a.id(), b.id());
    }
}
