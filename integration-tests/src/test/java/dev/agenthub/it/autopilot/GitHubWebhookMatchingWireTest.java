package dev.agenthub.it.autopilot;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Matching a delivery's repository to a project (wire spec agenthub §9.4), on a hub without a secret: no signature
 * is checked, whatever the header says.
 */
class GitHubWebhookMatchingWireTest extends GitHubWebhookHubTest {

    String hub;

    @BeforeEach
    void start() {
        hub = hub(Map.of());
    }

    /** The project an opened issue with this {@code repository} lands in, or null for {@code no_project}. */
    Long matched(Map<String, Object> repository) {
        Answer answer = post(hub, bytes(issuesPayload("opened", repository, 1, "Match me", null)),
                Map.of("X-GitHub-Event", "issues", "X-GitHub-Delivery", delivery(),
                        "X-Hub-Signature-256", "sha256=not-checked"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("project_id").isNull() ? null : answer.json().get("project_id").asLong();
    }

    @Test
    void withoutASecretNoSignatureIsChecked() {
        assertAnswer(post(hub, utf8("{}"), Map.of("X-GitHub-Event", "ping", "X-GitHub-Delivery", delivery())), 200,
                outcome("ignored", "ping", null, null, null, null, "Unsupported event type"));
    }

    @Test
    void eachRepositoryFieldFindsTheProjectIgnoringCaseAndDotGit() {
        String owner = unique("Acme");
        long project = project(hub, "https://GitHub.com/" + owner + "/Widgets.git");
        String lower = owner.toLowerCase(java.util.Locale.ROOT);
        assertThat(matched(ordered("full_name", lower + "/widgets"))).isEqualTo(project);
        assertThat(matched(ordered("full_name", owner.toUpperCase(java.util.Locale.ROOT) + "/WIDGETS.git")))
                .isEqualTo(project);
        assertThat(matched(ordered("name", "widgets", "owner", ordered("login", lower)))).isEqualTo(project);
        assertThat(matched(ordered("html_url", "https://github.com/" + lower + "/widgets"))).isEqualTo(project);
        assertThat(matched(ordered("clone_url", "http://github.com/" + owner + "/widgets.git"))).isEqualTo(project);
        assertThat(matched(ordered("ssh_url", "git@github.com:" + owner + "/Widgets.git"))).isEqualTo(project);
        assertThat(matched(ordered("url", "https://api.github.com/repos/" + lower + "/widgets"))).isEqualTo(project);
        // a name alone, a locator with a third segment, another repository: no match
        assertThat(matched(ordered("name", "widgets"))).isNull();
        assertThat(matched(ordered("html_url", "https://github.com/" + lower + "/widgets/issues"))).isNull();
        assertThat(matched(ordered("full_name", lower + "/gadgets"))).isNull();
    }

    @Test
    void anSshProjectUrlMatchesAnHttpsPayload() {
        String owner = unique("corp");
        long project = project(hub, "git@github.com:" + owner + "/api.git");
        assertThat(matched(repository(owner, "api"))).isEqualTo(project);
        assertThat(matched(ordered("html_url", "https://github.com/" + owner + "/API/"))).isEqualTo(project);
    }

    @Test
    void theFirstProjectInStorageOrderWins() {
        String owner = unique("twin");
        long first = project(hub, "https://github.com/" + owner + "/repo");
        long second = project(hub, "git@github.com:" + owner + "/repo.git");
        assertThat(second).isGreaterThan(first);
        assertThat(matched(repository(owner, "repo"))).isEqualTo(first);
        assertThat(matched(ordered("ssh_url", "git@github.com:" + owner + "/repo.git"))).isEqualTo(first);
    }

    @Test
    void aLocatorThatIsNotAGitHubIdentityMatchesByItsNormalisedForm() {
        String host = unique("git") + ".example";
        long project = project(hub, "ssh://" + host + "/team/tool");
        assertThat(matched(ordered("clone_url", "SSH://" + host.toUpperCase(java.util.Locale.ROOT) + "/team/tool.git/")))
                .isEqualTo(project);
        assertThat(matched(ordered("url", "ssh://" + host + "/team/tool"))).isEqualTo(project);
        assertThat(matched(ordered("clone_url", "ssh://" + host + "/team/other"))).isNull();
    }

    @Test
    void projectsStoredWithoutRepositoryKeysAreFilledInBeforeMatching() {
        String owner = unique("legacy");
        long project = project(hub, "https://github.com/" + owner + "/old");
        // as if stored before migration V031
        dsl.execute("update orchestration.projects set github_identity = null, repo_locator = null where id = "
                + project);
        assertThat(matched(ordered("full_name", owner + "/old"))).isEqualTo(project);
        assertThat(dsl.fetchValue("select github_identity from orchestration.projects where id = " + project))
                .isEqualTo(owner.toLowerCase(java.util.Locale.ROOT) + "/old");
    }
}
