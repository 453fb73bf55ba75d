package dev.agenthub.orchestration.workitems;

import dev.agenthub.orchestration.events.ProjectEvent;
import dev.agenthub.orchestration.fakes.AutopilotFakes;
import dev.agenthub.orchestration.policy.PolicySettings;
import dev.agenthub.protocol.kernel.error.DomainError;
import org.junit.jupiter.api.Test;

import static dev.agenthub.orchestration.fakes.AutopilotFakes.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectivesTest {

    private final AutopilotFakes fakes = new AutopilotFakes();
    private final Objectives objectives = new Objectives(fakes.tx, fakes.projects, fakes.policies, fakes.workItems,
            fakes.events, fakes.clock);

    @Test
    void triagesTheObjectiveStoresTheItemsAndLogsTheIngestion() {
        long project = fakes.project("alpha");
        Objectives.Ingested ingested = objectives.ingest(project,
                new IngestObjective("Add \"login\". Add logout; Write docs", 2, "alice"));
        assertThat(ingested.objective()).isEqualTo("Add \"login\". Add logout; Write docs");
        assertThat(ingested.createdItems()).extracting(WorkItem::title)
                .containsExactly("Scope: Add \"login\"", "Implement: Add logout");
        assertThat(ingested.createdItems()).allSatisfy(item -> {
            assertThat(item.projectId()).isEqualTo(project);
            assertThat(item.createdBy()).isEqualTo("alice");
            assertThat(item.createdAt()).isEqualTo(NOW);
        });
        assertThat(fakes.workItems.rows()).isEqualTo(ingested.createdItems());
        assertThat(fakes.events.rows()).containsExactly(new ProjectEvent(1, project, "objective_ingested",
                "{\"objective\": \"Add \\\"login\\\". Add logout; Write docs\", \"created_items\": 2}", NOW));
    }

    @Test
    void aPolicyWithoutAutoTriageMakesOneItemOfTheWhole() {
        long project = fakes.project("alpha");
        fakes.policies.set(project, new PolicySettings(false, true, true, true, 1, true));
        Objectives.Ingested ingested = objectives.ingest(project, new IngestObjective("One. Two. Three", 4, "system"));
        assertThat(ingested.createdItems()).extracting(WorkItem::title).containsExactly("Scope: One. Two. Three");
        assertThat(fakes.events.rows().getFirst().payloadJson())
                .isEqualTo("{\"objective\": \"One. Two. Three\", \"created_items\": 1}");
    }

    @Test
    void thePolicyIsCreatedOnDemand() {
        long project = fakes.project("alpha");
        objectives.ingest(project, new IngestObjective("One. Two. Three", 4, "system"));
        assertThat(fakes.policies.getOrCreate(project).settings()).isEqualTo(PolicySettings.DEFAULTS);
        assertThat(fakes.workItems.rows()).hasSize(3);
    }

    @Test
    void anUnknownProjectIsNotFoundAndNothingIsWritten() {
        assertThatThrownBy(() -> objectives.ingest(42, new IngestObjective("One. Two. Three", 4, "system")))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Project not found");
        assertThat(fakes.workItems.rows()).isEmpty();
        assertThat(fakes.events.rows()).isEmpty();
    }

    @Test
    void theCommandChecksItsBounds() {
        assertThatThrownBy(() -> new IngestObjective("too short", 4, "system"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IngestObjective("long enough", 0, "system"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IngestObjective("long enough", 13, "system"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IngestObjective("long enough", 4, "x".repeat(81)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new IngestObjective("exactly 10", 12, "x".repeat(80)).maxWorkItems()).isEqualTo(12);
    }
}
