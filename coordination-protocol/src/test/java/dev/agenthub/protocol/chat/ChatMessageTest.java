package dev.agenthub.protocol.chat;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ChatMessageTest {

    private static final Instant T = Instant.parse("2026-02-07T11:14:49.123456Z");

    @Test
    void timeOrderIsCreationTimeThenIdAsUnsignedBytes() {
        UUID low = UUID.fromString("00000000-0000-7000-8000-000000000001");
        UUID high = UUID.fromString("f0000000-0000-7000-8000-000000000000"); // negative as a Java long
        assertThat(ChatMessage.isBefore(T, high, T.plusNanos(1000), low)).as("time first").isTrue();
        assertThat(ChatMessage.isBefore(T, low, T, high)).as("then the id, unsigned").isTrue();
        assertThat(ChatMessage.isBefore(T, high, T, low)).isFalse();
        assertThat(ChatMessage.isBefore(T, low, T, low)).isFalse();
        assertThat(ChatMessage.isBefore(T, null, T, low)).isTrue();
        assertThat(ChatMessage.isBefore(T, low, T, null)).isFalse();
    }
}
