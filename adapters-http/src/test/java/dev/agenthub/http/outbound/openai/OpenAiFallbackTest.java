package dev.agenthub.http.outbound.openai;

import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.git.port.ChangeSet;
import dev.agenthub.orchestration.git.port.WorkspaceOverview;
import dev.agenthub.orchestration.providers.FallbackProvider;
import dev.agenthub.orchestration.providers.RuleBasedProvider;
import dev.agenthub.orchestration.providers.port.ChangeProvider;
import dev.agenthub.orchestration.providers.port.ChangeProvider.Proposal;
import dev.agenthub.orchestration.pulls.ReviewDecision;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The §7.2 fallback over the real provider and a real (failing or working) endpoint. */
class OpenAiFallbackTest {

    private static final ChangeProvider.SynthesisRequest REQUEST = new ChangeProvider.SynthesisRequest("demo", "coder-1",
            "agent/3-fix-bug", 3, "Fix bug", "d", "o", new WorkspaceOverview(0, List.of(), ""));
    private static final ChangeProvider.ReviewRequest REVIEW = new ChangeProvider.ReviewRequest("tester-1",
            AgentRole.TESTER, "[agent] Fix bug", "diff", false, "failed");

    @Test
    void aFailingEndpointFallsBackToRuleBased() throws Exception {
        try (FakeChatCompletions server = new FakeChatCompletions().answeringRaw(503, "{}");
             OpenAiChatProvider openAi = new OpenAiChatProvider(
                     new OpenAiSettings(server.baseUrl(), "sk-k", "m", Duration.ofSeconds(30)))) {
            FallbackProvider provider = FallbackProvider.openAi(openAi, new RuleBasedProvider());

            Proposal proposal = provider.synthesize(REQUEST);

            assertThat(proposal.commitMessage()).isEqualTo("agent: implement work item 3");
            assertThat(proposal.summary()).endsWith("3 files for fix-bug. Fallback used due to OpenAI synthesis error.");
            assertThat(provider.review(REVIEW)).isEqualTo(new ChangeProvider.Verdict(ReviewDecision.REQUEST_CHANGES,
                    "Validation command failed. Changes requested."));
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void aWorkingEndpointIsUsedAsIs() throws Exception {
        try (FakeChatCompletions server = new FakeChatCompletions()
                .answering("{\"patch\": \"diff\", \"commit_message\": \"fix\", \"summary\": \"Fixed.\"}");
             OpenAiChatProvider openAi = new OpenAiChatProvider(
                     new OpenAiSettings(server.baseUrl(), "sk-k", "m", Duration.ofSeconds(30)))) {
            Proposal proposal = FallbackProvider.openAi(openAi, new RuleBasedProvider()).synthesize(REQUEST);
            assertThat(proposal).isEqualTo(new Proposal(new ChangeSet.UnifiedPatch("diff"), "fix", "Fixed."));
        }
    }
}
