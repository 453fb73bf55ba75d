package dev.agenthub.protocol.projects;

import dev.agenthub.protocol.fakes.Fixtures;
import dev.agenthub.protocol.fakes.InMemoryProjectStore;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectsTest {

    private final InMemoryProjectStore store = new InMemoryProjectStore();
    private final Projects projects = new Projects(store);

    @Test
    void currentIsTheCallersProject() {
        Project demo = store.add(Fixtures.project("demo"));
        store.add(Fixtures.project("other"));

        assertThat(projects.current(demo.id())).isEqualTo(demo);
    }

    @Test
    void anUnknownProjectIsNotFound() {
        store.add(Fixtures.project("demo"));

        assertThatThrownBy(() -> projects.current(new ProjectId(Fixtures.uuid("nowhere"))))
                .isInstanceOfSatisfying(DomainError.NotFound.class,
                        e -> assertThat(e.detail()).isEqualTo("Project not found"));
    }

    @Test
    void aDeletedProjectIsNotFound() {
        Project demo = store.add(Fixtures.project("demo"));
        store.delete(demo.id());

        assertThatThrownBy(() -> projects.current(demo.id()))
                .isInstanceOfSatisfying(DomainError.NotFound.class,
                        e -> assertThat(e.detail()).isEqualTo("Project not found"));
    }
}
