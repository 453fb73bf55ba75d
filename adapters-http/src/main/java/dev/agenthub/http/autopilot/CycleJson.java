package dev.agenthub.http.autopilot;

import dev.agenthub.orchestration.cycle.CycleResult;
import dev.agenthub.orchestration.pulls.PullRequestActions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response shapes of the autopilot run and the human PR actions (wire spec agenthub §5, §14 D3), built from
 * the {@link CatalogJson} resource shapes.
 */
public final class CycleJson {

    private CycleJson() {
    }

    /** The run response: {@code processed_items} (PRs created), {@code created_prs}, {@code reviews}, {@code merged_pr_ids}. */
    public static Map<String, Object> run(CycleResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("processed_items", result.processedItems());
        json.put("created_prs", result.createdPullRequests().stream().map(CatalogJson::pullRequest).toList());
        json.put("reviews", result.reviews().stream().map(CatalogJson::review).toList());
        json.put("merged_pr_ids", result.mergedPullRequestIds());
        return json;
    }

    /** The action response of §14 D3. */
    public static Map<String, Object> action(PullRequestActions.ActionResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pull_request", CatalogJson.pullRequest(result.pullRequest()));
        json.put("work_item", result.workItem().map(CatalogJson::workItem).orElse(null));
        json.put("review", result.review().map(CatalogJson::review).orElse(null));
        json.put("merged", result.merged());
        json.put("merge_sha", result.mergeSha().orElse(null));
        return json;
    }
}
