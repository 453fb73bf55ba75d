package dev.agenthub.it.v1;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.V1HubTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/workspaces/suggest-name-prefix} (§4.1) over HTTP, public and authenticated, whole bodies compared. */
class SuggestNamePrefixWireTest extends V1HubTest {

    private static final String PATH = "/v1/workspaces/suggest-name-prefix";

    private Response suggest(String originUrl, Map<String, String> headers) {
        return client.post(PATH, json(ordered("origin_url", originUrl, "project_id", "ignored")), headers);
    }

    private String ensureOk(Identity caller, String originUrl) {
        Response ensured = client.post("/v1/repos/ensure", json(ordered("project_id", caller.projectId(), "origin_url", originUrl)),
                caller.bearer());
        assertThat(ensured.status()).as(ensured.body()).isEqualTo(200);
        return ensured.json().get("repo_id").asText();
    }

    @Test
    void publicFindsTheRepoProjectAndTheNextPrefixOverAllItsAgents() {
        assertBody(suggest("git@github.com:suggest-public/app.git", Map.of()), 404,
                "{\"detail\":\"Repo not registered: github.com/suggest-public/app. Run 'bdh :init' to register.\"}");
        Identity alice = client.init("suggest-public", "alice");
        client.init("suggest-public", "bob-01-dev");
        String repo = ensureOk(alice, "https://github.com/suggest-public/app");
        assertBody(suggest("git@github.com:suggest-public/app.git", Map.of()), 200, json(ordered(
                "name_prefix", "bob", "project_id", alice.projectId(), "project_slug", "suggest-public",
                "repo_id", repo, "canonical_origin", "github.com/suggest-public/app")));
    }

    @Test
    void publicWithTheOriginInSeveralProjects() {
        Identity one = client.init("suggest-multi-b", "alice");
        Identity two = client.init("suggest-multi-a", "alice");
        ensureOk(one, "https://github.com/suggest-multi/app");
        String inTwo = ensureOk(two, "https://github.com/suggest-multi/app");
        assertBody(suggest("https://github.com/suggest-multi/app", Map.of()), 409,
                "{\"detail\":\"Repo exists in multiple projects: suggest-multi-a, suggest-multi-b. Specify project with BEADHUB_PROJECT or --project.\"}");
        // with credentials the caller's project decides
        assertBody(suggest("https://github.com/suggest-multi/app", two.bearer()), 200, json(ordered(
                "name_prefix", "bob", "project_id", two.projectId(), "project_slug", "suggest-multi-a",
                "repo_id", inTwo, "canonical_origin", "github.com/suggest-multi/app")));
    }

    @Test
    void authenticatedUsesTheCallersProjectEvenWithoutTheRepo() {
        Identity other = client.init("suggest-auth-other", "alice");
        ensureOk(other, "https://github.com/suggest-auth/app");
        Identity mine = client.init("suggest-auth-mine", "alice");
        assertBody(suggest("https://github.com/suggest-auth/app", mine.bearer()), 200, json(ordered(
                "name_prefix", "bob", "project_id", mine.projectId(), "project_slug", "suggest-auth-mine",
                "repo_id", "", "canonical_origin", "github.com/suggest-auth/app")));
        Response invalid = suggest("https://github.com/suggest-auth/app", Map.of("Authorization", "Bearer aw_sk_nope"));
        assertBody(invalid, 401, "{\"detail\":\"Invalid API key\"}");
        // X-BH-Auth alone asks for auth B too; without proxy mode there is no valid credential
        assertThat(suggest("https://github.com/suggest-auth/app", Map.of("X-BH-Auth", "v2:anything")).status()).isEqualTo(401);
    }

    @Test
    void badInputIs422BeforeAuthentication() {
        assertBody(client.post(PATH, "{}", Map.of("Authorization", "Bearer aw_sk_nope")), 422,
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"origin_url\"],\"msg\":\"Field required\",\"input\":{}}]}");
        assertBody(suggest("https://github.com/x\u0000", Map.of()), 422, """
                {"detail":[{"type":"value_error","loc":["body","origin_url"],"msg":"Value error, NUL characters are not allowed","input":"https://github.com/x\\u0000"}]}""");
        assertBody(suggest("not a url", Map.of()), 422, "{\"detail\":\"Invalid origin_url: Invalid git URL: not a url\"}");
    }
}
