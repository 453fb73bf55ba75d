package dev.agenthub.orchestration.policy;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.policy.port.PolicyStore;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.projects.Projects;
import dev.agenthub.orchestration.projects.RepoUrls;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.kernel.error.DomainError;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy use case with in-process fakes: the revision's changed_by and change_reason rules, and the 404s. */
class AutomationPoliciesTest {

    private static final Instant NOW = Instant.parse("2026-02-07T11:14:49.123456789Z");

    private final FakeProjects projectStore = new FakeProjects();
    private final FakePolicies policyStore = new FakePolicies();
    private final Projects projects = new Projects(new FakeTransactionRunner(), projectStore,
            new RepoUrls(false, Optional.empty(), Path.of("/")), project -> { }, Clock.fixed(NOW, ZoneOffset.UTC));
    private final AutomationPolicies policies = new AutomationPolicies(new FakeTransactionRunner(), projects, policyStore,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static final PolicyChanges NONE = new PolicyChanges(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    @Test
    void theReasonIsTrimmedAndDefaultsToPolicyUpdated() {
        long project = projectStore.add();
        policies.update(project, NONE, "system:api", null);
        policies.update(project, NONE, "system:api", " \t ");
        policies.update(project, NONE, "system:api", "  why  ");
        assertThat(policyStore.revisions).extracting(PolicyRevision::changeReason)
                .containsExactly("policy_updated", "policy_updated", "why");
        assertThat(policyStore.revisions).extracting(PolicyRevision::createdAt)
                .containsOnly(Instant.parse("2026-02-07T11:14:49.123456Z"));
    }

    @Test
    void changedByIsCutTo120Characters() {
        long project = projectStore.add();
        policies.update(project, NONE, "principal:" + "s".repeat(200), null);
        assertThat(policyStore.revisions.getFirst().changedBy()).hasSize(120).startsWith("principal:sss");
    }

    @Test
    void changesApplyOnTopOfTheCurrentSettings() {
        long project = projectStore.add();
        PolicyChanges merge = new PolicyChanges(Optional.empty(), Optional.of(false), Optional.empty(),
                Optional.empty(), Optional.of(7), Optional.empty());
        AutomationPolicy updated = policies.update(project, merge, "system:api", null);
        assertThat(updated.settings()).isEqualTo(new PolicySettings(true, false, true, true, 7, true));
        assertThat(policyStore.revisions.getFirst().settings()).isEqualTo(updated.settings());
    }

    @Test
    void restoreRecordsItsReasonAndUnknownsAre404() {
        long project = projectStore.add();
        policies.update(project, new PolicyChanges(Optional.of(false), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()), "system:api", null);
        long revision = policyStore.revisions.getFirst().id();
        policies.update(project, NONE, "system:api", null);
        AutomationPolicy restored = policies.restore(project, revision, "api-key");
        assertThat(restored.settings().autoTriage()).isFalse();
        assertThat(policyStore.revisions.getLast().changeReason()).isEqualTo("restored_from_revision:" + revision);
        assertThat(policyStore.revisions.getLast().changedBy()).isEqualTo("api-key");
        assertThatThrownBy(() -> policies.restore(project, 999, "x"))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Policy revision not found");
        assertThatThrownBy(() -> policies.get(404))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Project not found");
    }

    private static final class FakeProjects implements ProjectStore {
        private final Map<Long, Project> rows = new HashMap<>();

        long add() {
            long id = rows.size() + 1;
            rows.put(id, new Project(id, "p" + id, "git@h:x.git", "main", NOW));
            return id;
        }

        @Override
        public Optional<Project> insert(String name, String repoUrl, String defaultBranch, Instant createdAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Project> find(long id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public List<Project> list(PageSlice page) {
            return List.copyOf(rows.values());
        }
    }

    private static final class FakePolicies implements PolicyStore {
        private final Map<Long, AutomationPolicy> policies = new HashMap<>();
        private final List<PolicyRevision> revisions = new ArrayList<>();

        @Override
        public AutomationPolicy getOrCreate(long projectId) {
            return policies.computeIfAbsent(projectId, id -> new AutomationPolicy(id, id, PolicySettings.DEFAULTS));
        }

        @Override
        public AutomationPolicy lockOrCreate(long projectId) {
            return getOrCreate(projectId);
        }

        @Override
        public AutomationPolicy update(long projectId, PolicySettings settings) {
            AutomationPolicy updated = new AutomationPolicy(projectId, projectId, settings);
            policies.put(projectId, updated);
            return updated;
        }

        @Override
        public PolicyRevision addRevision(long projectId, PolicySettings settings, String changedBy, String changeReason,
                                          Instant createdAt) {
            PolicyRevision revision = new PolicyRevision(revisions.size() + 1, projectId, settings, changedBy, changeReason, createdAt);
            revisions.add(revision);
            return revision;
        }

        @Override
        public List<PolicyRevision> revisions(long projectId, PageSlice page) {
            return revisions.stream().filter(r -> r.projectId() == projectId)
                    .sorted(Comparator.comparingLong(PolicyRevision::id).reversed()).toList();
        }

        @Override
        public Optional<PolicyRevision> revision(long projectId, long revisionId) {
            return revisions.stream().filter(r -> r.projectId() == projectId && r.id() == revisionId).findFirst();
        }
    }
}
