package dev.agenthub.orchestration.runs.port;

import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.runs.AgentRun;
import dev.agenthub.orchestration.runs.RunStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: agent runs (wire spec agenthub §13). Every method joins the caller's transaction when one is active.
 * Implementations are checked by the contract kit's {@code RunStoreContract}.
 */
public interface RunStore {

    /** Inserts a run with a new id and {@code created_at = updated_at = at}, and returns it. */
    AgentRun insert(long projectId, long workItemId, long agentId, RunStatus status, String summary, String patch,
                    boolean testsPassed, Instant at);

    /** A page of the project's runs, optionally of one status, {@code created_at} desc, then id desc. */
    List<AgentRun> list(long projectId, Optional<RunStatus> status, PageSlice page);
}
