package dev.agenthub.protocol.projects;

import dev.agenthub.protocol.kernel.id.ProjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProjectSlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "demo", "Demo-2", "org/repo", "my_proj.v2", "-leading-dash", ".", "/", "a..b//c"})
    void validSlugs(String slug) {
        assertThat(ProjectSlug.valid(slug)).isTrue();
        assertThat(ProjectSlug.require(slug)).isSameAs(slug);
    }

    @Test
    void aSlugMayHaveTwoHundredFiftySixCharactersButNotMore() {
        assertThat(ProjectSlug.valid("s".repeat(256))).isTrue();
        assertThat(ProjectSlug.valid("s".repeat(257))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "my project", "demo ", "a:b", "a@b", "a\\b", "projét", "demo\n", "a+b", "a~b"})
    void invalidSlugs(String slug) {
        assertThat(ProjectSlug.valid(slug)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> ProjectSlug.require(slug));
    }

    @Test
    void aProjectRecordRefusesAnInvalidSlug() {
        ProjectId id = new ProjectId(UUID.nameUUIDFromBytes(new byte[] {1}));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Project(id, "bad slug", "Bad", null, "private", Instant.EPOCH));
    }
}
