package dev.agenthub.orchestration.events.port;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.events.ProjectEvent;

import java.time.Instant;
import java.util.List;

/**
 * Port: the append-only event log of the autopilot (wire spec agenthub §6.5). Every method joins the caller's
 * transaction when one is active, so an event commits with the change it records. Implementations are checked by
 * the contract kit's {@code EventLogContract}.
 */
public interface EventLog {

    /** Appends an event with a new id and returns it. {@code payloadJson} is stored verbatim. */
    ProjectEvent append(long projectId, String eventType, String payloadJson, Instant at);

    /** A page of the project's events, {@code created_at} desc, then id desc. */
    List<ProjectEvent> list(long projectId, PageSlice page);
}
