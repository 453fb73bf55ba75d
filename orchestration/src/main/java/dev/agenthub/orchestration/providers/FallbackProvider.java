package dev.agenthub.orchestration.providers;

import dev.agenthub.orchestration.providers.port.ChangeProvider;

import java.util.Objects;

/**
 * The fallback of wire spec agenthub §7.2: a primary provider whose every failure is answered by a fallback
 * provider. A synthesis that throws anything is redone by the fallback, with {@code note} appended to its summary;
 * a review that throws anything is the fallback's review. The name is the primary's. This provider never throws
 * from {@link #review}; {@link #synthesize} throws only when the fallback does.
 */
public final class FallbackProvider implements ChangeProvider {

    /** The text §7.2 appends to the summary of a synthesis that fell back from OpenAI. */
    public static final String OPENAI_SYNTHESIS_NOTE = " Fallback used due to OpenAI synthesis error.";

    private final ChangeProvider primary;
    private final ChangeProvider fallback;
    private final String note;

    public FallbackProvider(ChangeProvider primary, ChangeProvider fallback, String note) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.note = Objects.requireNonNull(note, "note");
    }

    /** OpenAI falling back to {@code rule_based} with the §7.2 summary note. */
    public static FallbackProvider openAi(ChangeProvider openAi, ChangeProvider ruleBased) {
        return new FallbackProvider(openAi, ruleBased, OPENAI_SYNTHESIS_NOTE);
    }

    @Override
    public String name() {
        return primary.name();
    }

    @Override
    public Proposal synthesize(SynthesisRequest request) {
        try {
            return primary.synthesize(request);
        } catch (RuntimeException primaryFailure) {
            Proposal proposal = fallback.synthesize(request);
            return new Proposal(proposal.changes(), proposal.commitMessage(), proposal.summary() + note);
        }
    }

    @Override
    public Verdict review(ReviewRequest request) {
        try {
            return primary.review(request);
        } catch (RuntimeException primaryFailure) {
            return fallback.review(request);
        }
    }

    @Override
    public String toString() {
        return "FallbackProvider[" + primary.name() + " -> " + fallback.name() + "]";
    }
}
