package dev.agenthub.protocol.kernel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The static channel-name rule every {@link EventBus} implementation enforces. */
class EventBusTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "a",
            "Z",
            "7",
            "project.3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b.status",
            "agent:inbox:42",
            "job_queue-ready",
            "...",
            "-",
            "ABCxyz0189.:_-",
    })
    void acceptsLettersDigitsAndDotColonUnderscoreHyphen(String channel) {
        assertThat(EventBus.requireValidChannel(channel)).isSameAs(channel);
    }

    @Test
    void acceptsExactlyTheMaximumLength() {
        String longest = "c".repeat(EventBus.MAX_CHANNEL_LENGTH);
        assertThat(EventBus.MAX_CHANNEL_LENGTH).isEqualTo(200);
        assertThat(EventBus.requireValidChannel(longest)).isEqualTo(longest);
    }

    @Test
    void rejectsOneOverTheMaximumLength() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EventBus.requireValidChannel("c".repeat(201)))
                .withMessageContaining("200");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsNullAndEmpty(String channel) {
        assertThatIllegalArgumentException().isThrownBy(() -> EventBus.requireValidChannel(channel));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            " ",
            "project status",
            "project/status",
            "project.*",
            "project.?",
            "project.[ab]",
            "tab\there",
            "line\nbreak",
            "café",
            "ｐｒｏｊｅｃｔ",
            "١٢٣",
            "emoji\uD83D\uDE00",
            "nul\u0000",
            "comma,separated",
            "quote\"d",
    })
    void rejectsAnyOtherCharacter(String channel) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EventBus.requireValidChannel(channel))
                .withMessageContaining("invalid character");
    }
}
