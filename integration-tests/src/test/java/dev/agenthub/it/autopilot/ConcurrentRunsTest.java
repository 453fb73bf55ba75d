package dev.agenthub.it.autopilot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** Cycles racing on one project never produce two PRs for one item (§14 D1). */
class ConcurrentRunsTest extends AutopilotHubTest {

    private static List<JsonNode> race(HttpProbe first, HttpProbe second, long project) {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<JsonNode>> runs = new ArrayList<>();
        for (HttpProbe http : List.of(first, second)) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return run(http, project, 3);
            }));
        }
        return runs.stream().map(CompletableFuture::join).toList();
    }

    private static void eachItemImplementedOnce(HttpProbe http, long project, List<Long> items,
                                                List<JsonNode> results) {
        List<Long> implemented = new ArrayList<>();
        int merged = 0;
        for (JsonNode result : results) {
            result.get("created_prs").forEach(pr -> implemented.add(pr.get("work_item_id").asLong()));
            merged += result.get("merged_pr_ids").size();
        }
        assertThat(implemented).containsExactlyInAnyOrderElementsOf(items);
        assertThat(merged).isEqualTo(3);
        JsonNode prs = ok(http.get("/projects/" + project + "/pull-requests"));
        assertThat(prs).hasSize(3);
        assertThat(ok(http.get("/projects/" + project + "/runs"))).hasSize(3);
        for (long item : items) {
            assertThat(item(http, project, item).get("status").asText()).isEqualTo("done");
        }
    }

    @Test
    void twoRunsAtOnceOnOneHubShareTheItems() {
        HttpProbe http = hub(Map.of());
        long project = project(http);
        List<Long> items = objective(http, project);

        eachItemImplementedOnce(http, project, items, race(http, http, project));

        GitRemote workspace = workspace(project);
        for (long item : items) {
            assertThat(workspace.file("main", "agent_codegen/work_item_" + item + ".py")).isPresent();
        }
    }

    @Test
    void twoHubInstancesOnOneDatabaseShareTheItems() {
        HttpProbe first = hub(Map.of("AGENT_HUB_AUTO_PUSH", "1",
                "AGENT_HUB_WORKSPACES", scratch.resolve("instance-1").toString()));
        HttpProbe second = hub(Map.of("AGENT_HUB_AUTO_PUSH", "1",
                "AGENT_HUB_WORKSPACES", scratch.resolve("instance-2").toString()));
        long project = project(first);
        List<Long> items = objective(first, project);

        eachItemImplementedOnce(second, project, items, race(first, second, project));

        for (long item : items) {
            assertThat(remote.file("main", "agent_codegen/work_item_" + item + ".py")).isPresent();
        }
    }
}
