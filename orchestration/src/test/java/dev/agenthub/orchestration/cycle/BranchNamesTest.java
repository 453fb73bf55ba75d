package dev.agenthub.orchestration.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenthub.orchestration.common.TitleSlug;
import org.junit.jupiter.api.Test;

class BranchNamesTest {

    @Test
    void lowercasesAndCollapsesRunsOfNonAlphanumerics() {
        assertThat(BranchNames.forWorkItem(7, "Scope: Add a /health endpoint!"))
                .isEqualTo("agent/7-scope-add-a-health-endpoint");
    }

    @Test
    void trimsDashesThenKeepsTheFirst36Characters() {
        String slug = TitleSlug.of("--Implement: the quite long title that goes on and on");
        assertThat(slug).isEqualTo("implement-the-quite-long-title-that-");
        assertThat(slug).hasSize(36);
    }

    @Test
    void nonAsciiLettersCountAsSeparators() {
        assertThat(TitleSlug.of("Café Über")).isEqualTo("caf-ber");
    }

    @Test
    void emptySlugBecomesChange() {
        assertThat(BranchNames.forWorkItem(3, "!!! ???")).isEqualTo("agent/3-change");
        assertThat(TitleSlug.of("")).isEqualTo("change");
    }
}
