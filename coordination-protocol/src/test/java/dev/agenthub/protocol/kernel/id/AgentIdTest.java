package dev.agenthub.protocol.kernel.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentIdTest {

    private static final UUID ID = UUID.fromString("3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b");

    @Test
    void parsesEveryAcceptedUuidForm() {
        assertThat(AgentId.parse("3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b")).contains(new AgentId(ID));
        assertThat(AgentId.parse("3F1C2A4B5D6E4F708A9B0C1D2E3F4A5B")).contains(new AgentId(ID));
        assertThat(AgentId.parse("{3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b}")).contains(new AgentId(ID));
        assertThat(AgentId.parse("urn:uuid:3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b")).contains(new AgentId(ID));
    }

    @Test
    void parseIsEmptyForNonUuids() {
        assertThat(AgentId.parse(null)).isEmpty();
        assertThat(AgentId.parse("")).isEmpty();
        assertThat(AgentId.parse("my-project")).isEmpty();
        assertThat(AgentId.parse("3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5")).isEmpty();
    }

    @Test
    void toStringIsTheLowercaseHyphenatedWireForm() {
        assertThat(AgentId.parse("3F1C2A4B5D6E4F708A9B0C1D2E3F4A5B").orElseThrow())
                .hasToString("3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b");
    }

    @Test
    void equalityFollowsTheUuid() {
        assertThat(new AgentId(ID)).isEqualTo(new AgentId(UUID.fromString(ID.toString())))
                .isNotEqualTo(new AgentId(new UUID(0, 0)));
    }

    @Test
    void rejectsNull() {
        assertThatNullPointerException().isThrownBy(() -> new AgentId(null));
    }
}
