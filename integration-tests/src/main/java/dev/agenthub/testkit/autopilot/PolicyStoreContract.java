package dev.agenthub.testkit.autopilot;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.policy.AutomationPolicy;
import dev.agenthub.orchestration.policy.PolicyRevision;
import dev.agenthub.orchestration.policy.PolicySettings;
import dev.agenthub.orchestration.policy.port.PolicyStore;
import dev.agenthub.orchestration.projects.port.ProjectStore;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link PolicyStore} contract of the Agent Hub autopilot (automation policies and their revisions). Extend it
 * with the store under test, the transactions it joins, and the project store of the same database.
 */
public abstract class PolicyStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    private static final PolicySettings CHANGED = new PolicySettings(false, true, false, true, 4, false);

    /** The store under test. */
    protected abstract PolicyStore store();

    /** The transactions the store joins. */
    protected abstract TransactionRunner transactions();

    /** Projects of the same database. */
    protected abstract ProjectStore projects();

    private long newProject() {
        return projects().insert("policy-" + UUID.randomUUID(), "git@x:y.git", "main", T0).orElseThrow().id();
    }

    @Test
    void getOrCreateCreatesTheDefaultsOnceAndNoRevision() {
        long project = newProject();
        AutomationPolicy created = store().getOrCreate(project);
        assertThat(created.projectId()).isEqualTo(project);
        assertThat(created.settings()).isEqualTo(PolicySettings.DEFAULTS);
        assertThat(store().getOrCreate(project)).isEqualTo(created);
        assertThat(store().lockOrCreate(project)).isEqualTo(created);
        assertThat(store().revisions(project, new PageSlice(50, 0))).isEmpty();
    }

    @Test
    void lockOrCreateCreatesWhenMissing() {
        long project = newProject();
        AutomationPolicy locked = transactions().inTransaction(() -> store().lockOrCreate(project));
        assertThat(locked.settings()).isEqualTo(PolicySettings.DEFAULTS);
        assertThat(store().getOrCreate(project)).isEqualTo(locked);
    }

    @Test
    void concurrentGetOrCreateGivesEveryCallerTheOneRow() throws Exception {
        long project = newProject();
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        ConcurrentRuns.run(8, thread -> ids.add(thread % 2 == 0
                ? store().getOrCreate(project).id()
                : transactions().inTransaction(() -> store().lockOrCreate(project)).id()));
        assertThat(ids).hasSize(1);
        assertThat(store().getOrCreate(project).id()).isEqualTo(ids.iterator().next());
    }

    @Test
    void policiesOfTwoProjectsAreSeparate() {
        long a = newProject();
        long b = newProject();
        store().getOrCreate(a);
        store().getOrCreate(b);
        store().update(a, CHANGED);
        assertThat(store().getOrCreate(a).settings()).isEqualTo(CHANGED);
        assertThat(store().getOrCreate(b).settings()).isEqualTo(PolicySettings.DEFAULTS);
    }

    @Test
    void updateStoresTheSettings() {
        long project = newProject();
        AutomationPolicy created = store().getOrCreate(project);
        AutomationPolicy updated = store().update(project, CHANGED);
        assertThat(updated).isEqualTo(new AutomationPolicy(created.id(), project, CHANGED));
        assertThat(store().getOrCreate(project)).isEqualTo(updated);
    }

    @Test
    void revisionsAreNewestFirstThenHighestIdAndPage() {
        long project = newProject();
        store().getOrCreate(project);
        PolicyRevision first = store().addRevision(project, PolicySettings.DEFAULTS, "system:api", "policy_updated", T0);
        PolicyRevision tieLow = store().addRevision(project, CHANGED, "principal:alice", "r2", T0.plusSeconds(5));
        PolicyRevision tieHigh = store().addRevision(project, CHANGED, "api-key", "r3", T0.plusSeconds(5));
        assertThat(first).isEqualTo(new PolicyRevision(first.id(), project, PolicySettings.DEFAULTS, "system:api",
                "policy_updated", T0));
        assertThat(store().revisions(project, new PageSlice(50, 0))).containsExactly(tieHigh, tieLow, first);
        assertThat(store().revisions(project, new PageSlice(1, 1))).containsExactly(tieLow);
        assertThat(store().revisions(project, new PageSlice(5, 3))).isEmpty();
    }

    @Test
    void aRevisionOfAnotherProjectIsNotFound() {
        long mine = newProject();
        long other = newProject();
        PolicyRevision revision = store().addRevision(other, CHANGED, "system:api", "x", T0);
        assertThat(store().revision(other, revision.id())).contains(revision);
        assertThat(store().revision(mine, revision.id())).isEmpty();
        assertThat(store().revisions(mine, new PageSlice(50, 0))).isEmpty();
        assertThat(store().revision(mine, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void aRevisionAddedInARolledBackTransactionIsGone() {
        long project = newProject();
        try {
            transactions().inTransaction(() -> {
                store().addRevision(project, CHANGED, "system:api", "x", T0);
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the revision went with the transaction
        }
        assertThat(store().revisions(project, new PageSlice(50, 0))).isEqualTo(List.of());
    }
}
