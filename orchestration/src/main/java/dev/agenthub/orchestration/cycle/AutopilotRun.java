package dev.agenthub.orchestration.cycle;

import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.orchestration.providers.port.ChangeProvider;
import dev.agenthub.orchestration.providers.port.ProviderCatalog;
import dev.agenthub.protocol.kernel.error.DomainError;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /projects/{id}/autopilot/run} (wire spec agenthub §5): one cycle, synchronously, with the items
 * claimed as {@code sync:<request id>} (§14 D1).
 */
public final class AutopilotRun {

    public static final int MIN_ITEMS = 1;
    public static final int MAX_ITEMS = 20;
    public static final int DEFAULT_ITEMS = 3;

    private final ProjectStore projects;
    private final ProviderCatalog providers;
    private final AutopilotCycle cycle;

    public AutopilotRun(ProjectStore projects, ProviderCatalog providers, AutopilotCycle cycle) {
        this.projects = Objects.requireNonNull(projects, "projects");
        this.providers = Objects.requireNonNull(providers, "providers");
        this.cycle = Objects.requireNonNull(cycle, "cycle");
    }

    /**
     * Runs one cycle.
     *
     * @param requestId the request id of §2.1, which names the claimant
     * @throws DomainError.NotFound {@code Project not found}
     * @throws DomainError.Invalid  422 string detail {@code Unsupported provider `<name>`} (or the provider's
     *                              initialisation error when fallback is off)
     * @throws DomainError.Conflict {@code No active coder agent available.}
     */
    public CycleResult run(long projectId, int maxItems, Optional<String> provider, String requestId) {
        if (maxItems < MIN_ITEMS || maxItems > MAX_ITEMS) {
            throw new IllegalArgumentException("maxItems must be 1..20: " + maxItems);
        }
        projects.find(projectId).orElseThrow(() -> new DomainError.NotFound("Project not found"));
        ChangeProvider chosen;
        try {
            chosen = providers.select(provider);
        } catch (ProviderCatalog.UnsupportedProvider unsupported) {
            throw new DomainError.Invalid(unsupported.getMessage());
        }
        return cycle.run(new CycleRequest(projectId, maxItems, chosen, CycleRequest.syncClaimant(requestId),
                Optional.empty()));
    }
}
