package dev.agenthub.orchestration.events;

import java.time.Instant;
import java.util.Objects;

/** An entry of a project's event log (wire spec agenthub §4 EventRead); {@code payloadJson} is a JSON object text. */
public record ProjectEvent(long id, long projectId, String eventType, String payloadJson, Instant createdAt) {

    public ProjectEvent {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payloadJson, "payloadJson");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
