package dev.agenthub.hub.tenants;

import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.Projects;
import dev.agenthub.protocol.projects.port.ProjectStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resolving a tenant token's {@code workspaceId} to a project scope (seeds R-T1), over an in-process store. */
class TenantScopesTest {

    /** The live projects by id; deletion removes one, as the port promises only live projects. */
    private static final class InMemoryProjects implements ProjectStore {
        final Map<ProjectId, Project> live = new HashMap<>();

        @Override
        public Optional<Project> find(ProjectId id) {
            return Optional.ofNullable(live.get(id));
        }

        @Override
        public Optional<Project> findBySlug(String slug) {
            return live.values().stream().filter(p -> p.slug().equals(slug)).findFirst();
        }

        @Override
        public Project ensure(Project candidate) {
            return live.computeIfAbsent(candidate.id(), id -> candidate);
        }

        @Override
        public boolean softDelete(ProjectId id, Instant now) {
            return live.remove(id) != null;
        }
    }

    private final InMemoryProjects store = new InMemoryProjects();
    private final TenantScopes scopes = new TenantScopes(new Projects(store));
    private final Project project = store.ensure(new Project(new ProjectId(UUID.randomUUID()), "team", "Team", null,
            "private", Instant.parse("2026-02-07T11:14:49Z")));

    private static TenantContext user(String workspaceId) {
        return TenantContext.verified("user-1", "s-1", workspaceId, "a@example.com", "Ada");
    }

    @Test
    void aWorkspaceIdOfALiveProjectScopesToItAsAUserWithoutAnActor() {
        TenantContext context = user(project.id().value().toString().toUpperCase());
        TenantScopes.Scoped scoped = (TenantScopes.Scoped) scopes.resolve(context);
        assertThat(scoped.project()).isEqualTo(project);
        assertThat(scoped.context()).isEqualTo(context);
        Principal principal = scoped.principal();
        assertThat(principal.project()).isEqualTo(project.id());
        assertThat(principal.type()).isEqualTo(Principal.Type.USER);
        assertThat(principal.actor()).isNull();
        assertThat(principal.apiKeyId()).isNull();
        assertThat(principal.publicReader()).isFalse();
    }

    @Test
    void noWorkspaceIdIsRequiredAndAnythingButALiveProjectIsUnknown() {
        assertThat(scopes.resolve(user(null))).isInstanceOf(TenantScopes.WorkspaceRequired.class);
        assertThat(scopes.resolve(user("not-a-uuid"))).isInstanceOf(TenantScopes.UnknownWorkspace.class);
        assertThat(scopes.resolve(user(UUID.randomUUID().toString()))).isInstanceOf(TenantScopes.UnknownWorkspace.class);
        store.softDelete(project.id(), Instant.now());
        assertThat(scopes.resolve(user(project.id().value().toString()))).isInstanceOf(TenantScopes.UnknownWorkspace.class);
    }

    @Test
    void anAnonymousContextHasNoScope() {
        assertThatThrownBy(() -> scopes.resolve(TenantContext.anonymous())).isInstanceOf(IllegalArgumentException.class);
        assertThat(TenantContext.anonymous().authenticated()).isFalse();
        assertThat(TenantContext.anonymous().workspace()).isEmpty();
    }
}
