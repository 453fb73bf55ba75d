package dev.agenthub.protocol.kernel.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProjectIdTest {

    private static final UUID ID = UUID.fromString("3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b");

    @Test
    void parsesEveryAcceptedUuidForm() {
        assertThat(ProjectId.parse("3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b")).contains(new ProjectId(ID));
        assertThat(ProjectId.parse("3F1C2A4B5D6E4F708A9B0C1D2E3F4A5B")).contains(new ProjectId(ID));
        assertThat(ProjectId.parse("{3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b}")).contains(new ProjectId(ID));
        assertThat(ProjectId.parse("urn:uuid:3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b")).contains(new ProjectId(ID));
    }

    @Test
    void parseIsEmptyForNonUuids() {
        assertThat(ProjectId.parse(null)).isEmpty();
        assertThat(ProjectId.parse("")).isEmpty();
        assertThat(ProjectId.parse("my-project")).isEmpty();
        assertThat(ProjectId.parse("3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5")).isEmpty();
    }

    @Test
    void toStringIsTheLowercaseHyphenatedWireForm() {
        assertThat(ProjectId.parse("3F1C2A4B5D6E4F708A9B0C1D2E3F4A5B").orElseThrow())
                .hasToString("3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b");
    }

    @Test
    void equalityFollowsTheUuid() {
        assertThat(new ProjectId(ID)).isEqualTo(new ProjectId(UUID.fromString(ID.toString())))
                .isNotEqualTo(new ProjectId(new UUID(0, 0)));
    }

    @Test
    void rejectsNull() {
        assertThatNullPointerException().isThrownBy(() -> new ProjectId(null));
    }
}
