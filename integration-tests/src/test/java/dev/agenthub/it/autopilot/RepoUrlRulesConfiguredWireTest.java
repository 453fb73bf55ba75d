package dev.agenthub.it.autopilot;

import dev.agenthub.it.support.HttpProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code AGENT_HUB_ALLOWED_LOCAL_REPO_ROOT} on project creation (wire spec agenthub §5.1), given as a link. */
class RepoUrlRulesConfiguredWireTest extends AutopilotWireTest {

    final Path temp = RepoUrlLocalPathsWireTest.RepoDirs.create();
    final Path root = temp.resolve("allowed");

    @Override
    protected Map<String, String> environment() {
        try {
            Files.createDirectories(root);
            Files.createSymbolicLink(temp.resolve("root-link"), root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Map.of("AGENT_HUB_ALLOWED_LOCAL_REPO_ROOT", temp.resolve("root-link").toString());
    }

    @AfterAll
    void removeDirectories() {
        RepoUrlLocalPathsWireTest.RepoDirs.delete(temp);
    }

    private HttpProbe.Response create(String repoUrl) {
        return post("/projects", Map.of("name", unique("rooted"), "repo_url", repoUrl));
    }

    @Test
    void onlyRepositoriesInsideTheRootAreAccepted() throws IOException {
        Path inside = RepoUrlLocalPathsWireTest.RepoDirs.workTree(root.resolve("repo"));
        HttpProbe.Response created = create(inside.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("repo_url").asText()).isEqualTo(inside.toString());
        Path outside = RepoUrlLocalPathsWireTest.RepoDirs.workTree(temp.resolve("outside"));
        assertDetail(create(outside.toString()), 422,
                "Local repository path `" + outside + "` is outside allowed root `" + root + "`");
        assertThat(create("https://example.test/remote.git").status()).isEqualTo(200);
    }
}
