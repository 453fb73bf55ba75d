package dev.agenthub.it.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.HubSeeds;
import dev.agenthub.it.support.HubSeeds.Worktree;
import dev.agenthub.it.support.V1HubTest;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

import static dev.agenthub.it.support.V1Client.json;
import static org.assertj.core.api.Assertions.assertThat;

/** What the native-task wire tests share: a two-agent team per project and creating a task through the API. */
abstract class TaskWireTest extends V1HubTest {

    /** The seeding helper of this class's hub; set before any test. */
    HubSeeds seeds;

    @BeforeAll
    void seeds() {
        seeds = new HubSeeds(client, database.dataSource());
    }

    /** Alice and Bob in a fresh project {@code slug}, seeded at {@code NOW}. */
    HubSeeds.Pair team(String slug) {
        clock.set(NOW);
        return seeds.aliceAndBob(slug);
    }

    /** {@code POST /v1/tasks} as {@code w}; the answer must be 200. */
    JsonNode create(Worktree w, Map<String, Object> body) {
        Response response = client.post("/v1/tasks", json(body), w.bearer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
