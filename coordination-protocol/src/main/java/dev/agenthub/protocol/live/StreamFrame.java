package dev.agenthub.protocol.live;

import java.util.Objects;

/** One SSE event a stream emits: {@code event: <event>} and one {@code data:} line of compact JSON. */
public record StreamFrame(String event, String data) {

    public StreamFrame {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }

    static StreamFrame of(LiveEvent event) {
        return new StreamFrame(event.event(), event.data());
    }
}
