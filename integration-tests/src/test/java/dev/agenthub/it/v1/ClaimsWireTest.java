package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.HubSeeds;
import dev.agenthub.it.support.HubSeeds.Worktree;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/claims} (wire spec §4.7, §1.6): newest first, the workspace filter, cursor paging, 422s. */
class ClaimsWireTest extends V1HubTest {

    private HubSeeds seeds;

    @BeforeAll
    void seeds() {
        seeds = new HubSeeds(client, database.dataSource());
    }

    private static Map<String, Object> claim(Worktree w, String bead, Instant at) {
        return ordered("bead_id", bead, "workspace_id", w.workspaceId(), "alias", w.alias(), "human_name", w.humanName(),
                "claimed_at", WireTime.offset(at), "project_id", w.projectId());
    }

    private record Seeded(Worktree alice, Worktree bob, Instant t1, Instant t2, Instant t3) {
    }

    private Seeded seed(String slug) {
        clock.set(NOW);
        Worktree alice = seeds.worktree(slug, "git@github.com:" + slug + "/app.git", "alice", "Ada");
        Worktree bob = seeds.worktree(slug, "git@github.com:" + slug + "/app.git", "bob", "Bo");
        Worktree stranger = seeds.worktree(slug + "-other", "git@github.com:" + slug + "/app.git", "alice", "Eve");
        Instant t1 = NOW.plusSeconds(1);
        Instant t2 = NOW.plusSeconds(2);
        Instant t3 = NOW.plusSeconds(3);
        seeds.claim(alice, "bd-1", t1);
        seeds.claim(bob, "bd-2", t2);
        seeds.claim(alice, "bd-3", t3);
        seeds.claim(stranger, "bd-9", NOW.plusSeconds(9));
        return new Seeded(alice, bob, t1, t2, t3);
    }

    @Test
    void listsTheProjectsClaimsNewestFirst() {
        Seeded s = seed("cl-list");
        assertBody(client.get("/v1/claims", s.bob().bearer()), 200, json(ordered(
                "claims", List.of(claim(s.alice(), "bd-3", s.t3()), claim(s.bob(), "bd-2", s.t2()), claim(s.alice(), "bd-1", s.t1())),
                "has_more", false, "next_cursor", null)));
        assertBody(client.get("/v1/claims?workspace_id=" + s.alice().workspaceId().replace("-", ""), s.bob().bearer()), 200,
                json(ordered("claims", List.of(claim(s.alice(), "bd-3", s.t3()), claim(s.alice(), "bd-1", s.t1())),
                        "has_more", false, "next_cursor", null)));
    }

    @Test
    void pagesWithTheCursor() {
        Seeded s = seed("cl-page");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            Response response = client.get("/v1/claims?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), s.alice().bearer());
            assertThat(response.status()).isEqualTo(200);
            var body = response.json();
            assertThat(body.get("claims").size()).isEqualTo(1);
            seen.add(body.get("claims").get(0).get("bead_id").asText());
            boolean last = page == 2;
            assertThat(body.get("has_more").asBoolean()).isEqualTo(!last);
            assertThat(body.get("next_cursor").isNull()).isEqualTo(last);
            cursor = last ? null : body.get("next_cursor").asText();
        }
        assertThat(seen).containsExactly("bd-3", "bd-2", "bd-1");
    }

    @Test
    void malformedQueriesAre422() {
        assertBody(client.get("/v1/claims?workspace_id=nope&limit=201", Map.of()), 422, json(Map.of("detail", List.of(
                ordered("type", "uuid_parsing", "loc", List.of("query", "workspace_id"), "msg", "Input should be a valid UUID",
                        "input", "nope"),
                ordered("type", "less_than_equal", "loc", List.of("query", "limit"), "msg",
                        "Input should be less than or equal to 200", "input", "201", "ctx", Map.of("le", 200))))));
        var lone = client.init("cl-422", "solo");
        assertBody(client.get("/v1/claims?cursor=!!!", lone.bearer()), 422, "{\"detail\":\"Invalid cursor: malformed base64\"}");
        assertBody(client.get("/v1/claims?cursor=" + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"claimed_at\":\"yesterday\"}".getBytes()), lone.bearer()), 422,
                "{\"detail\":\"Invalid cursor timestamp: yesterday\"}");
        assertBody(client.get("/v1/claims", Map.of()), 401, "{\"detail\":\"Authentication required\"}");
    }
}
