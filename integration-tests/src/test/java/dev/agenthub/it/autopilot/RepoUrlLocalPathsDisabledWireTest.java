package dev.agenthub.it.autopilot;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code AGENT_HUB_ALLOW_LOCAL_REPO_PATHS=false} (wire spec agenthub §5.1): only remote forms create projects. */
class RepoUrlLocalPathsDisabledWireTest extends AutopilotWireTest {

    @Override
    protected Map<String, String> environment() {
        return Map.of("AGENT_HUB_ALLOW_LOCAL_REPO_PATHS", "false");
    }

    @Test
    void localPathsAreRejectedAndRemotesAccepted() {
        for (String local : new String[]{"/srv/repos/x", "file:///srv/repos/x", "~/x", "ftp://h/x"}) {
            assertDetail(post("/projects", Map.of("name", unique("off"), "repo_url", local)), 422,
                    "Local repository paths are disabled");
        }
        assertThat(post("/projects", Map.of("name", unique("on"), "repo_url", "git@h:x.git")).status()).isEqualTo(200);
        assertDetail(post("/projects", Map.of("name", unique("e"), "repo_url", "   ")), 422, "repo_url cannot be empty");
    }
}
