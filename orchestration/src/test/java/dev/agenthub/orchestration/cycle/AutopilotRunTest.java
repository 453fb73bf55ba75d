package dev.agenthub.orchestration.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.providers.port.ChangeProvider;
import dev.agenthub.orchestration.providers.port.ProviderCatalog;
import dev.agenthub.orchestration.pulls.MergeRoutine;
import dev.agenthub.orchestration.testing.FakeGit;
import dev.agenthub.orchestration.testing.InMemoryAutopilot;
import dev.agenthub.orchestration.testing.ScriptedProvider;
import dev.agenthub.orchestration.validation.Validation;
import dev.agenthub.orchestration.workitems.NewWorkItem;
import dev.agenthub.protocol.fakes.FakeTransactionRunner;
import dev.agenthub.protocol.fakes.MutableClock;
import dev.agenthub.protocol.kernel.error.DomainError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutopilotRunTest {

    private static final Instant T0 = Instant.parse("2026-02-12T09:30:00Z");

    private final InMemoryAutopilot db = new InMemoryAutopilot();
    private final FakeGit git = new FakeGit();
    private ChangeProvider provider = new ScriptedProvider();
    private final ProviderCatalog catalog = requested -> {
        if (requested.isPresent() && !requested.get().equals("scripted")) {
            throw new ProviderCatalog.UnsupportedProvider("Unsupported provider `" + requested.get() + "`");
        }
        return provider;
    };
    private final AutopilotRun run = new AutopilotRun(db.projects, catalog, new AutopilotCycle(
            new FakeTransactionRunner(), new MutableClock(T0), db.projects, db.agents, db.policies, db.items, db.runs,
            db.pulls, db.reviews, db.events, git, new MergeRoutine(git, db.pulls, db.events, false),
            new Validation(Optional.empty(), false, Duration.ofSeconds(5), (c, d, t) -> {
                throw new AssertionError("no command is configured");
            }), Duration.ofSeconds(900)));

    private Project seeded() {
        Project project = db.projects.insert("demo", "/tmp/demo.git", "main", T0).orElseThrow();
        db.agents.insert(project.id(), "Forge Coder", AgentRole.CODER, AgentStatus.ACTIVE, 2, "", T0);
        db.agents.insert(project.id(), "Sentinel Reviewer", AgentRole.REVIEWER, AgentStatus.ACTIVE, 2, "", T0);
        db.items.insertAll(project.id(), List.of(new NewWorkItem("Scope: a", "d", 1, "system", "o")), T0);
        return project;
    }

    @Test
    void claimsAsTheRequestAndMerges() {
        Project project = seeded();
        String[] claimant = new String[1];
        provider = new ScriptedProvider() {
            @Override
            public Proposal synthesize(SynthesisRequest request) {
                claimant[0] = db.items.get(request.workItemId()).claimedBy().orElseThrow();
                return super.synthesize(request);
            }
        };

        CycleResult result = run.run(project.id(), 3, Optional.empty(), "req-77");

        assertThat(claimant[0]).isEqualTo("sync:req-77");
        assertThat(result.mergedPullRequestIds()).containsExactly(1L);
        assertThat(db.runs.rows.get(0).summary()).endsWith("No AGENT_HUB_TEST_CMD configured; marked pass by default.");
    }

    @Test
    void anUnsupportedProviderIsA422StringDetailAndNothingRuns() {
        Project project = seeded();

        assertThatThrownBy(() -> run.run(project.id(), 3, Optional.of("magic"), "req-1"))
                .isInstanceOfSatisfying(DomainError.Invalid.class, e -> {
                    assertThat(e.detail()).isEqualTo("Unsupported provider `magic`");
                    assertThat(e.status()).isEqualTo(422);
                });
        assertThat(db.events.rows).isEmpty();
    }

    @Test
    void anUnknownProjectIs404BeforeTheProviderIsChosen() {
        assertThatThrownBy(() -> run.run(42, 3, Optional.of("magic"), "req-1"))
                .isInstanceOf(DomainError.NotFound.class).hasMessage("Project not found");
    }

    @Test
    void aReviewThatFailsCountsNoApproval() {
        Project project = seeded();
        provider = new ScriptedProvider() {
            @Override
            public Verdict review(ReviewRequest request) {
                throw new ProviderFailure("review endpoint down", null);
            }
        };

        CycleResult result = run.run(project.id(), 1, Optional.empty(), "req-2");

        assertThat(result.reviews()).isEmpty();
        assertThat(result.mergedPullRequestIds()).isEmpty();
        assertThat(db.events.types()).containsExactly("pr_opened", "autopilot_cycle_completed");
    }
}
