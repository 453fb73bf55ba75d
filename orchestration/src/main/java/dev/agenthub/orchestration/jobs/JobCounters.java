package dev.agenthub.orchestration.jobs;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a job's cycle produced (wire spec agenthub §8): {@code processed_items} and {@code created_prs} are both the
 * number of PRs created; {@code merged_pr_ids_json} is the merged ids as Python's {@code json.dumps} writes them.
 */
public record JobCounters(int createdPrs, List<Long> mergedPrIds) {

    public static final JobCounters NONE = new JobCounters(0, List.of());

    public JobCounters {
        mergedPrIds = List.copyOf(Objects.requireNonNull(mergedPrIds, "mergedPrIds"));
    }

    public int processedItems() {
        return createdPrs;
    }

    public int mergedPrs() {
        return mergedPrIds.size();
    }

    /** {@code []}, {@code [3]}, {@code [3, 4]}. */
    public String mergedPrIdsJson() {
        return mergedPrIds.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
