package dev.agenthub.it.autopilot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code AGENT_HUB_WORK_ITEM_MAX_ATTEMPTS} end to end: a project whose remote is gone fails in git on every cycle;
 * with a cap of 1 the item is retried no more, without a cap it is retried every cycle (the spec's behaviour).
 */
class AutopilotAttemptCapTest extends AutopilotHubTest {

    /** A project with one backlog item whose remote is deleted before any clone, so every cycle fails in git. */
    private long[] projectWithAGoneRemote(HttpProbe http) {
        long project = project(http);
        JsonNode created = post(http, "/projects/" + project + "/objectives",
                "{\"objective\":\"Add a health endpoint\",\"max_work_items\":1}");
        long item = created.get("created_items").get(0).get("id").asLong();
        delete(Path.of(remote.path()));
        return new long[]{project, item};
    }

    @Test
    void aCapOfOneLeavesTheItemInTheBacklogAfterOneGitFailureAndLaterCyclesSkipIt() {
        HttpProbe http = hub(Map.of("AGENT_HUB_WORK_ITEM_MAX_ATTEMPTS", "1"));
        long[] ids = projectWithAGoneRemote(http);
        long project = ids[0];
        long item = ids[1];

        run(http, project, 3);

        assertThat(item(http, project, item).get("status").asText()).isEqualTo("backlog");
        assertThat(item(http, project, item).has("attempts")).isFalse();
        assertThat(types(http, project)).contains("work_item_failed", "autopilot_item_failed");
        assertThat(events(http, project)).containsOnlyOnce(
                "work_item_attempts_exhausted {\"work_item_id\": " + item + ", \"attempts\": 1}");

        run(http, project, 3);

        List<String> events = events(http, project);
        assertThat(events.get(events.size() - 1)).isEqualTo(
                "autopilot_cycle_completed {\"processed_items\": 0, \"created_prs\": 0, \"merged_prs\": 0}");
        assertThat(events).filteredOn(e -> e.startsWith("work_item_failed ")).hasSize(1);
        assertThat(events).filteredOn(e -> e.startsWith("work_item_attempts_exhausted ")).hasSize(1);
        assertThat(ok(http.get("/projects/" + project + "/runs"))).hasSize(1);
        assertThat(item(http, project, item).get("status").asText()).isEqualTo("backlog");
    }

    @Test
    void withoutACapTheItemIsRetriedEveryCycle() {
        HttpProbe http = hub(Map.of());
        long[] ids = projectWithAGoneRemote(http);
        long project = ids[0];

        run(http, project, 3);
        run(http, project, 3);

        List<String> events = events(http, project);
        assertThat(events).filteredOn(e -> e.startsWith("work_item_failed ")).hasSize(2);
        assertThat(events).filteredOn(e -> e.startsWith("autopilot_cycle_completed "))
                .containsOnly("autopilot_cycle_completed {\"processed_items\": 1, \"created_prs\": 0, \"merged_prs\": 0}");
        assertThat(types(http, project)).doesNotContain("work_item_attempts_exhausted");
        assertThat(ok(http.get("/projects/" + project + "/runs"))).hasSize(2);
        assertThat(item(http, project, ids[1]).get("status").asText()).isEqualTo("backlog");
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
