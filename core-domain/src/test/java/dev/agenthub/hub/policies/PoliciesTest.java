package dev.agenthub.hub.policies;

import dev.agenthub.hub.audit.AuditEntry;
import dev.agenthub.hub.repos.RepoId;
import dev.agenthub.hub.workspaces.InMemoryWorkspaceStore;
import dev.agenthub.hub.workspaces.Workspace;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.fakes.SequentialIds;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static dev.agenthub.protocol.fakes.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoliciesTest {

    private static final Instant T = T0.truncatedTo(java.time.temporal.ChronoUnit.MICROS);

    private final ProjectId alpha = new ProjectId(UUID.fromString("00000000-0000-0000-0000-00000000aaaa"));
    private final ProjectId beta = new ProjectId(UUID.fromString("00000000-0000-0000-0000-00000000bbbb"));
    private final MutableClock clock = new MutableClock(T0);
    private final SequentialIds ids = new SequentialIds();
    private final InMemoryPolicyStore store = new InMemoryPolicyStore(Set.of(alpha, beta));
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final AtomicReference<RuntimeException> defaultsFailure = new AtomicReference<>();
    private final PolicyBundle defaults = bundle("default", "developer", "reviewer");
    private final Policies policies = new Policies(new FakeTransactionRunner(), store, workspaces, audit::add, () -> {
        if (defaultsFailure.get() != null) {
            throw defaultsFailure.get();
        }
        return defaults;
    }, clock, ids);

    private final AgentId alice = new AgentId(UUID.fromString("00000000-0000-0000-0000-0000000a11ce"));
    private final AgentId bob = new AgentId(UUID.fromString("00000000-0000-0000-0000-000000000b0b"));

    private static PolicyBundle bundle(String marker, String... roles) {
        LinkedHashMap<String, PolicyBundle.Role> roleMap = new LinkedHashMap<>();
        for (String role : roles) {
            roleMap.put(role, new PolicyBundle.Role(role.toUpperCase(), "play " + role));
        }
        return new PolicyBundle(List.of(new PolicyBundle.Invariant("i." + marker, "I " + marker, "body")), roleMap,
                new LinkedHashMap<>());
    }

    private static Principal bearer(ProjectId project, AgentId actor) {
        return new Principal(project, Principal.AuthMode.BEARER, Principal.Type.KEY, UUID.randomUUID(), null, actor, null);
    }

    private Principal asAlice() {
        return bearer(alpha, alice);
    }

    private void workspace(AgentId id, ProjectId project) {
        workspaces.insert(Workspace.ofAgent(id, project, new RepoId(UUID.randomUUID()), "w" + id.value().toString().substring(30),
                "", null, null, null, T));
    }

    private List<String> auditTypes() {
        return audit.stream().map(AuditEntry::eventType).toList();
    }

    @Test
    void theFirstReadCreatesAndActivatesVersionOneFromTheDefaultsOnce() {
        PolicyVersion first = policies.active(asAlice());
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.bundle()).isEqualTo(defaults);
        assertThat(first.createdBy()).isNull();
        assertThat(first.createdAt()).isEqualTo(T);
        assertThat(store.activeId(alpha)).contains(first.id());
        clock.advance(Duration.ofSeconds(1));
        assertThat(policies.active(asAlice())).isEqualTo(first);
        assertThat(policies.history(asAlice(), 20)).containsExactly(new Policies.Listed(first, true));
        assertThat(auditTypes()).containsExactly("policy_created", "policy_activated");
        assertThat(audit.getFirst().actor()).isNull();
        assertThat(store.activeId(beta)).isEmpty();
        assertThat(policies.list(bearer(beta, null), 50)).isEmpty();
    }

    @Test
    void creationAllocatesMaxPlusOneUnderTheLockAndDoesNotActivate() {
        PolicyVersion first = policies.active(asAlice());
        int locksBefore = store.locks;
        Policies.Created created = policies.create(asAlice(), bundle("mine", "ops"), first.id(), null);
        assertThat(created.version()).isEqualTo(2);
        assertThat(store.locks).isEqualTo(locksBefore + 1);
        assertThat(store.activeId(alpha)).contains(first.id());
        assertThat(policies.get(asAlice(), created.policyId()).createdBy()).isEqualTo(alice);
        Map<String, Object> details = audit.getLast().details();
        assertThat(audit.getLast().eventType()).isEqualTo("policy_created");
        assertThat(details).containsExactly(Map.entry("policy_id", created.policyId().toString()), Map.entry("version", 2),
                Map.entry("base_policy_id", first.id().toString()));
        assertThat(policies.create(asAlice(), bundle("again"), first.id(), null).version()).isEqualTo(3);
    }

    @Test
    void aBaseThatIsNotTheActiveVersionIs409AndCreatesNothing() {
        UUID stale = UUID.randomUUID();
        assertThatThrownBy(() -> policies.create(asAlice(), bundle("x"), stale, null))
                .isInstanceOf(DomainError.Conflict.class)
                .hasMessage("Policy conflict: base_policy_id " + stale + " does not match active policy none."
                        + " Another agent may have updated the policy. Re-read the active policy and retry.");
        PolicyVersion first = policies.active(asAlice());
        assertThatThrownBy(() -> policies.create(asAlice(), bundle("x"), stale, null))
                .hasMessageContaining("does not match active policy " + first.id() + ".");
        assertThat(store.maxVersion(alpha)).isEqualTo(1);
    }

    @Test
    void createdByIsBoundToTheKeyAndMustBeALiveWorkspaceOfTheProject() {
        workspace(alice, alpha);
        workspace(bob, alpha);
        AgentId stranger = new AgentId(UUID.randomUUID());
        workspace(stranger, beta);
        assertThatThrownBy(() -> policies.create(asAlice(), bundle("x"), null, bob))
                .isInstanceOf(DomainError.Forbidden.class).hasMessage("created_by_workspace_id does not match API key identity");
        Principal unbound = bearer(alpha, null);
        assertThatThrownBy(() -> policies.create(unbound, bundle("x"), null, stranger))
                .isInstanceOf(DomainError.Forbidden.class).hasMessage("Workspace not found or does not belong to your project");
        assertThat(policies.create(unbound, bundle("x"), null, bob).version()).isEqualTo(1);
        assertThat(policies.create(asAlice(), bundle("y"), null, alice).version()).isEqualTo(2);
        workspaces.softDelete(bob, T);
        assertThatThrownBy(() -> policies.create(unbound, bundle("x"), null, bob))
                .hasMessage("Workspace not found or does not belong to your project");
        // proxy mode skips the binding, not the workspace check
        Principal proxy = new Principal(alpha, Principal.AuthMode.PROXY, Principal.Type.USER, null, UUID.randomUUID(), alice, null);
        assertThat(policies.create(proxy, bundle("z"), null, alice).version()).isEqualTo(3);
    }

    @Test
    void activationChecksExistenceThenProject() {
        PolicyVersion first = policies.active(asAlice());
        assertThatThrownBy(() -> policies.activate(asAlice(), UUID.randomUUID()))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Policy not found");
        assertThatThrownBy(() -> policies.activate(bearer(beta, null), first.id()))
                .isInstanceOf(DomainError.Invalid.class).hasMessage("Policy does not belong to this project")
                .satisfies(e -> assertThat(((DomainError.Invalid) e).status()).isEqualTo(400));
        assertThatThrownBy(() -> policies.get(bearer(beta, null), first.id()))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Policy not found or does not belong to this project");
        UUID second = policies.create(asAlice(), bundle("two"), null, null).policyId();
        assertThat(policies.activate(asAlice(), second)).isEqualTo(second);
        assertThat(policies.active(asAlice()).id()).isEqualTo(second);
        assertThat(audit.getLast().details()).containsEntry("previous_policy_id", first.id().toString());
        assertThat(policies.list(asAlice(), 50)).extracting(Policies.Listed::active).containsExactly(true, false);
    }

    @Test
    void resetReloadsTheDefaultsAgainstTheActiveVersionAndActivatesThem() {
        PolicyVersion first = policies.active(asAlice());
        UUID custom = policies.create(asAlice(), bundle("custom", "ops"), first.id(), null).policyId();
        policies.activate(asAlice(), custom);
        Policies.Reset reset = policies.reset(asAlice());
        assertThat(reset.version()).isEqualTo(3);
        PolicyVersion active = policies.active(asAlice());
        assertThat(active.id()).isEqualTo(reset.activePolicyId());
        assertThat(active.bundle()).isEqualTo(defaults);
        assertThat(audit.getLast().eventType()).isEqualTo("policy_reset_to_default");
        assertThat(audit.getLast().details()).containsEntry("base_policy_id", custom.toString())
                .containsEntry("previous_policy_id", custom.toString());

        defaultsFailure.set(new IllegalArgumentException("roles/x.md: metadata has no title"));
        assertThatThrownBy(() -> policies.reset(asAlice())).isInstanceOf(DomainError.Internal.class)
                .hasMessage("Failed to reload default policy bundle: roles/x.md: metadata has no title");
        assertThat(store.maxVersion(alpha)).isEqualTo(3);
    }

    @Test
    void aRoleIsSelectedOrRejectedWithThePythonListOfRoles() {
        PolicyVersion version = policies.active(asAlice());
        Policies.View all = Policies.view(version, null, false);
        assertThat(all.roles().sequencedKeySet()).containsExactly("developer", "reviewer");
        assertThat(all.selected()).isNull();
        assertThat(Policies.view(version, "", false).selected()).isNull();
        Policies.View only = Policies.view(version, "reviewer", true);
        assertThat(only.roles().sequencedKeySet()).containsExactly("reviewer");
        assertThat(only.selected()).isEqualTo(new Policies.SelectedRole("reviewer", "REVIEWER", "play reviewer"));
        assertThat(Policies.view(version, "reviewer", false).roles()).hasSize(2);
        assertThatThrownBy(() -> Policies.view(version, "it's", false))
                .hasMessage("Role 'it's' not found. Available roles: ['developer', 'reviewer']");
        assertThatThrownBy(() -> Policies.view(version, null, true))
                .hasMessage("only_selected=true requires a role parameter");
        assertThat(Policies.pythonList(List.of("a'b", "c\\d", "e\"f'"))).isEqualTo("[\"a'b\", 'c\\\\d', 'e\"f\\'']");
    }

    @Test
    void theEtagHashesTheIdAndTheIsoUpdatedAt() {
        UUID id = UUID.fromString("3f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        PolicyVersion micros = new PolicyVersion(id, alpha, 1, defaults, null, T, Instant.parse("2026-02-07T11:14:49.123456Z"));
        assertThat(Policies.etag(micros)).isEqualTo("\"" + dev.agenthub.protocol.kernel.text.Sha256.hex(
                id + ":2026-02-07T11:14:49.123456+00:00").substring(0, 16) + "\"");
        PolicyVersion whole = new PolicyVersion(id, alpha, 1, defaults, null, T, Instant.parse("2026-02-07T11:14:49Z"));
        assertThat(Policies.iso(whole.updatedAt())).isEqualTo("2026-02-07T11:14:49+00:00");
        assertThat(Policies.etag(whole)).matches("\"[0-9a-f]{16}\"").isNotEqualTo(Policies.etag(micros));
    }
}
