package dev.agenthub.hub.policies;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultPolicyBundleTest {

    private static DefaultPolicyBundle.Document doc(String name, String text) {
        return new DefaultPolicyBundle.Document(name, text);
    }

    @Test
    void documentsLoadInFileNameOrderWithTheirMetadataAndBody() {
        PolicyBundle bundle = DefaultPolicyBundle.parse(
                List.of(doc("02-b.md", "---\nid: b.two\ntitle: Two: the second\n---\n\nSecond body.\n\n"),
                        doc("01-a.md", "---\r\nid: a.one\r\ntitle: One\r\n---\r\nLine 1\r\n- item\r\n")),
                List.of(doc("reviewer.md", "---\ntitle: Reviewer\nid: reviewer\n---\nReview.\n"),
                        doc("backend.md", "---\nid: backend\ntitle: Backend Expert\n---\n")));
        assertThat(bundle.invariants()).containsExactly(
                new PolicyBundle.Invariant("a.one", "One", "Line 1\n- item\n"),
                new PolicyBundle.Invariant("b.two", "Two: the second", "Second body.\n"));
        assertThat(bundle.roles().sequencedKeySet()).containsExactly("backend", "reviewer");
        assertThat(bundle.roles().get("backend")).isEqualTo(new PolicyBundle.Role("Backend Expert", ""));
        assertThat(bundle.roles().get("reviewer")).isEqualTo(new PolicyBundle.Role("Reviewer", "Review.\n"));
        assertThat(bundle.adapters()).isEmpty();
    }

    @Test
    void malformedDocumentsAreRejectedByName() {
        assertThatThrownBy(() -> DefaultPolicyBundle.parse(List.of(doc("x.md", "no metadata")), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("x.md: no metadata block (a first line of ---)");
        assertThatThrownBy(() -> DefaultPolicyBundle.parse(List.of(doc("x.md", "---\nid: a\n")), List.of()))
                .hasMessage("x.md: the metadata block is not closed with ---");
        assertThatThrownBy(() -> DefaultPolicyBundle.parse(List.of(), List.of(doc("r.md", "---\nid: r\n---\nbody"))))
                .hasMessage("r.md: metadata has no title");
        assertThatThrownBy(() -> DefaultPolicyBundle.parse(List.of(doc("a.md", "---\nid: a\ntitle: A\n---\n"),
                doc("b.md", "---\nid: a\ntitle: B\n---\n")), List.of())).hasMessage("b.md: duplicate invariant id a");
    }

    @Test
    void aBundleRoundTripsThroughPlainValuesAndFillsInWhatIsMissing() {
        PolicyBundle bundle = DefaultPolicyBundle.parse(List.of(doc("a.md", "---\nid: a\ntitle: A\n---\nx")),
                List.of(doc("dev.md", "---\nid: dev\ntitle: Dev\n---\ny")));
        assertThat(PolicyBundle.fromPlain(bundle.toPlain())).isEqualTo(bundle);
        PolicyBundle sparse = PolicyBundle.fromPlain(java.util.Map.of("invariants", List.of(java.util.Map.of("id", "i"), "junk"),
                "roles", java.util.Map.of("ops", java.util.Map.of()), "adapters", java.util.Map.of("k", 1L)));
        assertThat(sparse.invariants()).containsExactly(new PolicyBundle.Invariant("i", "", ""));
        assertThat(sparse.roles()).containsEntry("ops", new PolicyBundle.Role("ops", ""));
        assertThat(sparse.adapters()).containsEntry("k", 1L);
    }
}
