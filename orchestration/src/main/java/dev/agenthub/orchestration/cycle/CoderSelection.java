package dev.agenthub.orchestration.cycle;

import dev.agenthub.orchestration.workitems.AgentLoad;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which coder implements a work item (wire spec agenthub §6.3 step 3.2, §14 D7), decided on the loads read under the
 * agents' row locks so that the decision and the claim are atomic.
 */
public final class CoderSelection {

    private CoderSelection() {
    }

    /** The outcome for one item. */
    public sealed interface Outcome {
    }

    /** Claim the item for this agent. */
    public record Assign(long agentId) implements Outcome {
    }

    /**
     * The item stays in {@code backlog} this cycle ({@code work_item_deferred_capacity}): the pre-assigned agent
     * and its limit, or both empty when every active coder is at capacity.
     */
    public record Deferred(Optional<Long> agentId, Optional<Integer> maxParallelTasks) implements Outcome {
        public Deferred {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(maxParallelTasks, "maxParallelTasks");
        }
    }

    /** There is no active coder at all: the cycle aborts. */
    public record NoActiveCoder() implements Outcome {
    }

    /** A pre-assigned item: its own agent when below capacity, else deferred with that agent's id and limit. */
    public static Outcome preAssigned(AgentLoad load) {
        return load.belowCapacity()
                ? new Assign(load.agentId())
                : new Deferred(Optional.of(load.agentId()), Optional.of(load.maxParallelTasks()));
    }

    /**
     * Auto-assignment among the active coders' loads: the lowest load still below its limit, ties to the lowest id;
     * deferred (no agent) when all are at capacity; {@link NoActiveCoder} when there are none.
     */
    public static Outcome amongActiveCoders(List<AgentLoad> activeCoderLoads) {
        if (activeCoderLoads.isEmpty()) {
            return new NoActiveCoder();
        }
        return activeCoderLoads.stream()
                .filter(AgentLoad::belowCapacity)
                .min(Comparator.comparingInt(AgentLoad::load).thenComparingLong(AgentLoad::agentId))
                .<Outcome>map(load -> new Assign(load.agentId()))
                .orElseGet(() -> new Deferred(Optional.empty(), Optional.empty()));
    }
}
