package dev.agenthub.protocol.kernel.events;

import java.util.Objects;

/**
 * One event on the {@link EventBus}: a channel name and an opaque text payload (JSON by convention;
 * the bus never looks inside).
 */
public record BusMessage(String channel, String payload) {

    public BusMessage {
        EventBus.requireValidChannel(channel);
        Objects.requireNonNull(payload, "payload");
    }
}
