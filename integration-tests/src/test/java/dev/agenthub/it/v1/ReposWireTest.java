package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1HubTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/** Repos (§4.17 with §14 F1) over HTTP, whole bodies compared. Each test has its own projects and origins. */
class ReposWireTest extends V1HubTest {

    private static final String NOW_OFFSET = "2026-02-07T11:14:49.123456+00:00";
    private static final String AUTHENTICATION_REQUIRED = "{\"detail\":\"Authentication required\"}";

    private Response ensure(Identity caller, String projectId, String originUrl) {
        return client.post("/v1/repos/ensure", json(ordered("project_id", projectId, "origin_url", originUrl)), caller.bearer());
    }

    private String ensureOk(Identity caller, String originUrl) {
        Response ensured = ensure(caller, caller.projectId(), originUrl);
        assertThat(ensured.status()).as(ensured.body()).isEqualTo(200);
        return ensured.json().get("repo_id").asText();
    }

    private Response lookup(String originUrl) {
        return client.post("/v1/repos/lookup", json(ordered("origin_url", originUrl)), Map.of());
    }

    @Test
    void ensureLookupListDeleteAndEnsureAgain() {
        clock.set(NOW);
        Identity alice = client.init("repos-crud", "alice");
        Response created = client.post("/v1/repos/ensure", json(ordered("project_id", alice.projectId().toUpperCase(),
                "origin_url", "git@github.com:repos-crud/app.git", "hostname", "ignored")), alice.bearer());
        String repo = created.json().get("repo_id").asText();
        assertBody(created, 200, "{\"repo_id\":\"%s\",\"canonical_origin\":\"github.com/repos-crud/app\",\"name\":\"app\",\"created\":true}"
                .formatted(repo));
        clock.advance(Duration.ofSeconds(3));
        assertBody(ensure(alice, alice.projectId(), "https://github.com/repos-crud/app"), 200,
                "{\"repo_id\":\"%s\",\"canonical_origin\":\"github.com/repos-crud/app\",\"name\":\"app\",\"created\":false}".formatted(repo));

        assertBody(client.post("/v1/repos/lookup", "{\"origin_url\":\"ssh://git@github.com:22/repos-crud/app.git\",\"x\":1}", Map.of()),
                200, "{\"repo_id\":\"%s\",\"project_id\":\"%s\",\"project_slug\":\"repos-crud\",\"canonical_origin\":\"github.com/repos-crud/app\",\"name\":\"app\"}"
                        .formatted(repo, alice.projectId()));
        assertBody(client.get("/v1/repos?project_id=" + alice.projectId(), Map.of()), 200, """
                {"repos":[{"id":"%s","project_id":"%s","canonical_origin":"github.com/repos-crud/app","name":"app",
                 "created_at":"%s","workspace_count":0}],"has_more":false,"next_cursor":null}"""
                .formatted(repo, alice.projectId(), NOW_OFFSET));

        assertBody(client.delete("/v1/repos/" + repo.replace("-", "").toUpperCase(), alice.bearer()), 200,
                "{\"id\":\"%s\",\"workspaces_deleted\":0,\"claims_deleted\":0,\"presence_cleared\":0}".formatted(repo));
        assertBody(lookup("https://github.com/repos-crud/app"), 404, "{\"detail\":\"Repo not found: github.com/repos-crud/app\"}");
        assertBody(client.get("/v1/repos?project_id=" + alice.projectId(), Map.of()), 200,
                "{\"repos\":[],\"has_more\":false,\"next_cursor\":null}");
        assertBody(client.delete("/v1/repos/" + repo, alice.bearer()), 404, "{\"detail\":\"Repo not found\"}");

        // registering it again brings the same row back
        assertBody(ensure(alice, alice.projectId(), "https://github.com/repos-crud/app.git"), 200,
                "{\"repo_id\":\"%s\",\"canonical_origin\":\"github.com/repos-crud/app\",\"name\":\"app\",\"created\":false}".formatted(repo));
        assertThat(lookup("https://github.com/repos-crud/app").status()).isEqualTo(200);
    }

    @Test
    void writesNeedTheCallersProject() {
        Identity alice = client.init("repos-f1-a", "alice");
        Identity bob = client.init("repos-f1-b", "bob");
        String body = json(ordered("project_id", alice.projectId(), "origin_url", "https://github.com/repos-f1/app"));
        Response anonymous = client.post("/v1/repos/ensure", body, Map.of());
        assertBody(anonymous, 401, AUTHENTICATION_REQUIRED);
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertBody(client.post("/v1/repos/ensure", body, Map.of("Authorization", "Bearer aw_sk_nope")), 401,
                "{\"detail\":\"Invalid API key\"}");
        assertBody(ensure(bob, alice.projectId(), "https://github.com/repos-f1/app"), 403,
                "{\"detail\":\"project_id does not match authenticated project\"}");
        assertBody(ensure(bob, UUID.randomUUID().toString(), "https://github.com/repos-f1/app"), 403,
                "{\"detail\":\"project_id does not match authenticated project\"}");
        // the binding is checked before the origin
        assertBody(ensure(bob, alice.projectId(), "not a url"), 403, "{\"detail\":\"project_id does not match authenticated project\"}");
        assertBody(lookup("https://github.com/repos-f1/app"), 404, "{\"detail\":\"Repo not found: github.com/repos-f1/app\"}");

        String repo = ensureOk(alice, "https://github.com/repos-f1/app");
        Response anonymousDelete = client.delete("/v1/repos/" + repo, Map.of());
        assertBody(anonymousDelete, 401, AUTHENTICATION_REQUIRED);
        assertThat(anonymousDelete.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertBody(client.delete("/v1/repos/" + repo, bob.bearer()), 404, "{\"detail\":\"Repo not found\"}");
        assertBody(client.delete("/v1/repos/" + UUID.randomUUID(), bob.bearer()), 404, "{\"detail\":\"Repo not found\"}");
        assertThat(lookup("https://github.com/repos-f1/app").json().get("repo_id").asText()).isEqualTo(repo);
    }

    @Test
    void anOriginInSeveralProjectsIsAnAmbiguousLookup() {
        Identity zulu = client.init("repos-multi-zulu", "alice");
        Identity alpha = client.init("repos-multi-alpha", "alice");
        String inZulu = ensureOk(zulu, "https://gitlab.com/repos-multi/app");
        String inAlpha = ensureOk(alpha, "git@gitlab.com:repos-multi/app.git");
        String message = "Repo gitlab.com/repos-multi/app exists in multiple projects: repos-multi-alpha, repos-multi-zulu."
                + " Choose a project slug and run 'bdh :init --project <slug>' (or authenticate with the correct project API key).";
        assertBody(lookup("https://gitlab.com/repos-multi/app.git"), 409, json(ordered("detail", ordered(
                "message", message,
                "canonical_origin", "gitlab.com/repos-multi/app",
                "candidates", List.of(
                        ordered("repo_id", inAlpha, "project_id", alpha.projectId(), "project_slug", "repos-multi-alpha"),
                        ordered("repo_id", inZulu, "project_id", zulu.projectId(), "project_slug", "repos-multi-zulu"))))));
        // once one is deleted the other is the answer
        assertThat(client.delete("/v1/repos/" + inZulu, zulu.bearer()).status()).isEqualTo(200);
        assertThat(lookup("https://gitlab.com/repos-multi/app").json().get("repo_id").asText()).isEqualTo(inAlpha);
    }

    @Test
    void listingPagesWithACursorInCreationOrder() {
        // a time no other test uses, so the unfiltered listing after it holds only these repos
        Instant base = Instant.parse("2031-05-05T05:05:05.000001Z");
        clock.set(base);
        Identity alice = client.init("repos-paging-a", "alice");
        Identity bob = client.init("repos-paging-b", "bob");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(ensureOk(i == 2 ? bob : alice, "https://github.com/repos-paging/r" + i));
            clock.advance(Duration.ofMillis(1));
        }
        Response first = client.get("/v1/repos?limit=2&project_id=" + alice.projectId(), Map.of());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(ids(first)).containsExactly(ids.get(0), ids.get(1));
        assertThat(first.json().get("has_more").asBoolean()).isTrue();
        String cursor = first.json().get("next_cursor").asText();
        assertThat(decode(cursor)).isEqualTo("{\"created_at\":\"2031-05-05T05:05:05.001001+00:00\",\"id\":\"%s\"}".formatted(ids.get(1)));
        Response second = client.get("/v1/repos?limit=2&project_id=" + alice.projectId() + "&cursor=" + cursor + "==", Map.of());
        assertBody(second, 200, """
                {"repos":[
                 {"id":"%s","project_id":"%s","canonical_origin":"github.com/repos-paging/r3","name":"r3","created_at":"2031-05-05T05:05:05.003001+00:00","workspace_count":0},
                 {"id":"%s","project_id":"%s","canonical_origin":"github.com/repos-paging/r4","name":"r4","created_at":"2031-05-05T05:05:05.004001+00:00","workspace_count":0}],
                 "has_more":false,"next_cursor":null}"""
                .formatted(ids.get(3), alice.projectId(), ids.get(4), alice.projectId()));

        String before = encode("{\"created_at\":\"2031-05-05T05:05:05Z\",\"id\":\"00000000-0000-0000-0000-000000000000\"}");
        Response all = client.get("/v1/repos?limit=200&cursor=" + before, Map.of());
        assertThat(ids(all)).containsExactlyElementsOf(ids);
        assertThat(all.json().get("has_more").asBoolean()).isFalse();
    }

    private static List<String> ids(Response page) {
        List<String> ids = new ArrayList<>();
        page.json().get("repos").forEach(repo -> ids.add(repo.get("id").asText()));
        return ids;
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    }

    @Test
    void badInputIs422BeforeAuthentication() {
        assertBody(client.post("/v1/repos/lookup", "{}", Map.of()), 422,
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"origin_url\"],\"msg\":\"Field required\",\"input\":{}}]}");
        assertBody(lookup("https://github.com/a\u0000b"), 422, """
                {"detail":[{"type":"value_error","loc":["body","origin_url"],"msg":"Value error, NUL characters are not allowed","input":"https://github.com/a\\u0000b"}]}""");
        String tooLong = "https://github.com/" + "a".repeat(2049 - 19);
        assertBody(lookup(tooLong), 422, """
                {"detail":[{"type":"string_too_long","loc":["body","origin_url"],"msg":"String should have at most 2048 characters","input":"%s","ctx":{"max_length":2048}}]}"""
                .formatted(tooLong));
        assertBody(lookup("not a url"), 422, "{\"detail\":\"Invalid origin_url: Invalid git URL: not a url\"}");
        assertBody(lookup("https://github.com/"), 422, "{\"detail\":\"Invalid origin_url: Invalid git URL (no path): https://github.com/\"}");
        assertBody(lookup("   "), 422, "{\"detail\":\"Invalid origin_url: Empty origin URL\"}");

        // ensure: list-shaped 422s without credentials
        assertBody(client.post("/v1/repos/ensure", "{\"project_id\":\"abc\",\"origin_url\":\"\"}", Map.of()), 422, """
                {"detail":[{"type":"string_too_short","loc":["body","project_id"],"msg":"String should have at least 36 characters","input":"abc","ctx":{"min_length":36}},
                 {"type":"string_too_short","loc":["body","origin_url"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}}]}""");
        String notUuid = "z".repeat(36);
        assertBody(client.post("/v1/repos/ensure", json(ordered("project_id", notUuid, "origin_url", "https://github.com/x/y")), Map.of()), 422, """
                {"detail":[{"type":"value_error","loc":["body","project_id"],"msg":"Value error, Invalid project_id format","input":"%s"}]}"""
                .formatted(notUuid));
        assertBody(client.post("/v1/repos/ensure", "[1]", Map.of()), 422,
                client.post("/v1/repos/lookup", "[1]", Map.of()).body());
        // ensure: a bad origin with valid credentials
        Identity alice = client.init("repos-bad-input", "alice");
        assertBody(ensure(alice, alice.projectId(), "ftp://"), 422, "{\"detail\":\"Invalid origin_url: Invalid git URL: ftp://\"}");

        assertBody(client.delete("/v1/repos/not-a-uuid", Map.of()), 422,
                "{\"detail\":[{\"type\":\"uuid_parsing\",\"loc\":[\"path\",\"repo_id\"],\"msg\":\"Input should be a valid UUID\",\"input\":\"not-a-uuid\"}]}");
        assertBody(client.get("/v1/repos?limit=0&project_id=nope", Map.of()), 422, """
                {"detail":[{"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}},
                 {"type":"uuid_parsing","loc":["query","project_id"],"msg":"Input should be a valid UUID","input":"nope"}]}""");
        assertBody(client.get("/v1/repos?limit=201", Map.of()), 422, """
                {"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 200","input":"201","ctx":{"le":200}}]}""");
        assertBody(client.get("/v1/repos?cursor=!!!", Map.of()), 422, "{\"detail\":\"Invalid cursor: malformed base64\"}");
        assertBody(client.get("/v1/repos?cursor=" + encode("{\"created_at\":\"yesterday\",\"id\":\"x\"}"), Map.of()), 422,
                "{\"detail\":\"Invalid cursor timestamp: yesterday\"}");
        assertBody(client.get("/v1/repos?cursor=" + encode("{\"created_at\":\"2026-01-01T00:00:00Z\"}"), Map.of()), 422,
                "{\"detail\":\"Invalid cursor: missing id\"}");
    }
}
