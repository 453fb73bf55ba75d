package dev.agenthub.orchestration.providers;

import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.git.port.ChangeSet;
import dev.agenthub.orchestration.providers.port.ChangeProvider;
import dev.agenthub.orchestration.providers.port.ProviderCatalog.UnsupportedProvider;
import dev.agenthub.orchestration.pulls.ReviewDecision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvidersTest {

    /** A stand-in remote provider whose answers are fixed (or failures, when {@code fail}). */
    static final class Scripted implements ChangeProvider {
        private final String name;
        private final boolean fail;

        Scripted(String name, boolean fail) {
            this.name = name;
            this.fail = fail;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Proposal synthesize(SynthesisRequest request) {
            if (fail) {
                throw new ProviderFailure("remote down", null);
            }
            return new Proposal(new ChangeSet.UnifiedPatch("diff --git a/x b/x\n"), name + ": change", name + " summary");
        }

        @Override
        public Verdict review(ReviewRequest request) {
            if (fail) {
                throw new IllegalStateException("remote down");
            }
            return new Verdict(ReviewDecision.REQUEST_CHANGES, name + " says no");
        }
    }

    private static Providers catalog(String defaultName, boolean fallback, boolean openAiConfigured) {
        return new Providers(defaultName, fallback, () -> {
            if (!openAiConfigured) {
                throw new IllegalStateException("OPENAI_API_KEY is unset");
            }
            return new Scripted("openai", false);
        }, List.of(new Scripted("Custom", false)));
    }

    @Test
    void ruleBasedAliasesAndTheDefault() {
        Providers providers = catalog("rule_based", true, true);
        for (String name : List.of("rule_based", "rule-based", "default", "  RULE_BASED ", "Default")) {
            assertThat(providers.select(Optional.of(name))).as(name).isInstanceOf(RuleBasedProvider.class);
        }
        assertThat(providers.select(Optional.empty())).isInstanceOf(RuleBasedProvider.class);
        assertThat(providers.select(Optional.of("   "))).isInstanceOf(RuleBasedProvider.class);
        assertThat(catalog(" OpenAI ", true, true).select(Optional.empty()).name()).isEqualTo("openai");
    }

    @Test
    void openAiIsWrappedInTheFallback() {
        ChangeProvider openAi = catalog("rule_based", false, true).select(Optional.of("OPENAI"));
        assertThat(openAi).isInstanceOf(FallbackProvider.class);
        assertThat(openAi.name()).isEqualTo("openai");
        assertThat(openAi.synthesize(RuleBasedProviderTest.request(1, "t", "o")).summary()).isEqualTo("openai summary");
    }

    @Test
    void unconfiguredOpenAiFallsBackOrFailsWithTheInitialisationError() {
        assertThat(catalog("rule_based", true, false).select(Optional.of("openai"))).isInstanceOf(RuleBasedProvider.class);
        assertThatThrownBy(() -> catalog("rule_based", false, false).select(Optional.of("openai")))
                .isInstanceOf(UnsupportedProvider.class).hasMessage("OPENAI_API_KEY is unset");
        assertThatThrownBy(() -> Providers.withoutOpenAi("openai", false).select(Optional.empty()))
                .isInstanceOf(UnsupportedProvider.class).hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void theOpenAiSupplierIsCalledOnce() {
        AtomicInteger calls = new AtomicInteger();
        Providers providers = new Providers("openai", true, () -> {
            calls.incrementAndGet();
            return new Scripted("openai", false);
        }, List.of());
        providers.select(Optional.empty());
        providers.select(Optional.of("openai"));
        assertThat(calls).hasValue(1);
    }

    @Test
    void unknownNamesAreUnsupported() {
        assertThatThrownBy(() -> catalog("rule_based", true, true).select(Optional.of(" Claude ")))
                .isInstanceOf(UnsupportedProvider.class).hasMessage("Unsupported provider `claude`");
        assertThatThrownBy(() -> catalog("nope", true, true).select(Optional.empty()))
                .isInstanceOf(UnsupportedProvider.class).hasMessage("Unsupported provider `nope`");
    }

    @Test
    void pluginsAreSelectedByName() {
        ChangeProvider custom = catalog("rule_based", true, true).select(Optional.of("custom"));
        assertThat(custom).isInstanceOf(Scripted.class);
        assertThat(custom.name()).isEqualTo("Custom");
    }

    @Test
    void pluginsCannotShadowBuiltInNamesOrEachOther() {
        assertThatThrownBy(() -> new Providers("rule_based", true, () -> null, List.of(new Scripted("OpenAI", false))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`openai`");
        assertThatThrownBy(() -> new Providers("rule_based", true, () -> null, List.of(new Scripted("default", false))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Providers("rule_based", true, () -> null,
                List.of(new Scripted("x", false), new Scripted("X", false))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Two");
    }

    @Test
    void fallbackAppendsTheNoteToARuleBasedSynthesisAndReviewsByRole() {
        FallbackProvider provider = FallbackProvider.openAi(new Scripted("openai", true), new RuleBasedProvider());
        ChangeProvider.Proposal proposal = provider.synthesize(RuleBasedProviderTest.request(5, "Fix it", "o"));
        assertThat(proposal.commitMessage()).isEqualTo("agent: implement work item 5");
        assertThat(proposal.summary()).isEqualTo(
                new RuleBasedProvider().synthesize(RuleBasedProviderTest.request(5, "Fix it", "o")).summary()
                        + " Fallback used due to OpenAI synthesis error.");
        ChangeProvider.Verdict verdict = provider.review(new ChangeProvider.ReviewRequest(
                "tester", AgentRole.TESTER, "[agent] Fix it", "", false, "failed"));
        assertThat(verdict).isEqualTo(new ChangeProvider.Verdict(ReviewDecision.REQUEST_CHANGES,
                "Validation command failed. Changes requested."));
    }

    @Test
    void fallbackPassesAWorkingPrimaryThrough() {
        FallbackProvider provider = FallbackProvider.openAi(new Scripted("openai", false), new RuleBasedProvider());
        assertThat(provider.synthesize(RuleBasedProviderTest.request(5, "Fix it", "o")).summary()).isEqualTo("openai summary");
        assertThat(provider.review(new ChangeProvider.ReviewRequest(
                "reviewer", AgentRole.REVIEWER, "t", "", true, "ok")).comment()).isEqualTo("openai says no");
    }
}
