package dev.agenthub.orchestration.workitems;

import dev.agenthub.orchestration.events.EventTypes;
import dev.agenthub.orchestration.events.PayloadJson;
import dev.agenthub.orchestration.events.port.EventLog;
import dev.agenthub.orchestration.workitems.port.WorkItemStore;
import dev.agenthub.protocol.kernel.tx.TransactionRunner;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * The work-item lease sweep of wire spec agenthub §14 D1: every {@code in_progress} item whose claim lease expired
 * (at or before now) returns to {@code backlog} with its claim cleared, and each logs
 * {@code work_item_lease_expired {"work_item_id","claimed_by"}} in its project. Releases and events commit in one
 * transaction. Any number of instances may sweep at once: the store skips rows another sweep (or a renewing owner)
 * holds, so each expiry is released and logged once.
 */
public final class LeaseSweep {

    private final TransactionRunner tx;
    private final Clock clock;
    private final WorkItemStore items;
    private final EventLog events;

    public LeaseSweep(TransactionRunner tx, Clock clock, WorkItemStore items, EventLog events) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.items = Objects.requireNonNull(items, "items");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Runs one sweep and returns the released items as they were before (with their claimant), in id order. */
    public List<WorkItem> sweep() {
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            List<WorkItem> released = items.releaseExpiredLeases(now);
            for (WorkItem item : released) {
                SequencedMap<String, Object> payload = new LinkedHashMap<>();
                payload.put("work_item_id", item.id());
                payload.put("claimed_by", item.claimedBy().orElse(null));
                events.append(item.projectId(), EventTypes.WORK_ITEM_LEASE_EXPIRED, PayloadJson.write(payload), now);
            }
            return released;
        });
    }
}
