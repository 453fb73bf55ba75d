package dev.agenthub.orchestration.providers.port;

import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.git.port.ChangeSet;
import dev.agenthub.orchestration.git.port.WorkspaceOverview;
import dev.agenthub.orchestration.pulls.ReviewDecision;

import java.util.Objects;

/**
 * Port: the plug-in point that writes code and reviews it (wire spec agenthub §7). The hub ships {@code rule_based}
 * and an OpenAI-compatible provider; users may add their own. Implementations must be safe for concurrent use.
 */
public interface ChangeProvider {

    /** The provider's canonical name ({@code rule_based}, {@code openai}, …). */
    String name();

    /**
     * Proposes the change for a work item. A provider that falls back internally reports the fallback in the
     * summary (§7.2).
     *
     * @throws ProviderFailure when it cannot propose anything
     */
    Proposal synthesize(SynthesisRequest request);

    /**
     * One agent's review of a PR (§7.1, §7.2).
     *
     * @throws ProviderFailure when the provider cannot review (a remote provider may); the providers the shipped
     *                         catalog hands out for {@code openai} never throw: they fall back to the
     *                         {@code rule_based} review
     */
    Verdict review(ReviewRequest request);

    /** What the provider knows when it writes the change (§7.2 "context sent"). */
    record SynthesisRequest(String projectName, String agentName, String branch, long workItemId, String title,
                            String description, String sourceObjective, WorkspaceOverview overview) {
        public SynthesisRequest {
            Objects.requireNonNull(projectName, "projectName");
            Objects.requireNonNull(agentName, "agentName");
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(sourceObjective, "sourceObjective");
            Objects.requireNonNull(overview, "overview");
        }
    }

    /** The change, its commit message (≤ 72 characters, one line) and a summary (≤ 180 characters). */
    record Proposal(ChangeSet changes, String commitMessage, String summary) {
        public Proposal {
            Objects.requireNonNull(changes, "changes");
            Objects.requireNonNull(commitMessage, "commitMessage");
            Objects.requireNonNull(summary, "summary");
        }
    }

    /** What a reviewing agent sees: its own name and role, the PR, the diff and the validation outcome. */
    record ReviewRequest(String agentName, AgentRole agentRole, String pullRequestTitle, String diff,
                         boolean checksPassed, String validationSummary) {
        public ReviewRequest {
            Objects.requireNonNull(agentName, "agentName");
            Objects.requireNonNull(agentRole, "agentRole");
            Objects.requireNonNull(pullRequestTitle, "pullRequestTitle");
            Objects.requireNonNull(diff, "diff");
            Objects.requireNonNull(validationSummary, "validationSummary");
        }
    }

    /** A review decision and its comment (≤ 600 characters). */
    record Verdict(ReviewDecision decision, String comment) {
        public Verdict {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(comment, "comment");
        }
    }

    /** The provider could not produce a proposal. */
    final class ProviderFailure extends RuntimeException {
        public ProviderFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
