package dev.agenthub.hub.tenants;

import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.id.Uuids;
import dev.agenthub.protocol.projects.Project;
import dev.agenthub.protocol.projects.Projects;

import java.util.Objects;
import java.util.Optional;

/**
 * Resolves a verified tenant context to the scope of the coordination project its {@code workspaceId} names (seeds
 * R-T1, "tenant scope"). The scope is a {@link Principal} of that project, so the coordination use cases scope every
 * query to it exactly as they do for a {@code /v1} caller: another project's ids are unknown. The principal is a
 * user principal without a key or an acting agent ({@link Principal.AuthMode#PROXY}, {@link Principal.Type#USER}):
 * a trusted identity front vouched for a human, who acts as no agent (audit entries carry no actor id). Thread-safe.
 */
public final class TenantScopes {

    private final Projects projects;

    public TenantScopes(Projects projects) {
        this.projects = Objects.requireNonNull(projects, "projects");
    }

    /** What a context resolves to. */
    public sealed interface Resolution permits Scoped, WorkspaceRequired, UnknownWorkspace {
    }

    /** The context's project, and the principal the use cases take for it. */
    public record Scoped(TenantContext context, Project project, Principal principal) implements Resolution {
        public Scoped {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(principal, "principal");
        }
    }

    /** The token carries no {@code workspaceId}. */
    public record WorkspaceRequired() implements Resolution {
    }

    /** {@code workspaceId} is not the id of a live project (not a uuid, unknown or deleted). */
    public record UnknownWorkspace() implements Resolution {
    }

    /** The scope of {@code context}, an authenticated context. */
    public Resolution resolve(TenantContext context) {
        Objects.requireNonNull(context, "context");
        if (!context.authenticated()) {
            throw new IllegalArgumentException("only a verified context has a scope");
        }
        if (context.workspace().isEmpty()) {
            return new WorkspaceRequired();
        }
        Optional<Project> project = Uuids.parse(context.workspaceId()).map(ProjectId::new).flatMap(projects::find);
        if (project.isEmpty()) {
            return new UnknownWorkspace();
        }
        Principal principal = new Principal(project.get().id(), Principal.AuthMode.PROXY, Principal.Type.USER, null,
                null, null, null);
        return new Scoped(context, project.get(), principal);
    }
}
