package dev.agenthub.orchestration.webhooks;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GitHubRepositoriesTest {

    @Test
    void httpUrlsWithTwoSegmentsAreIdentities() {
        assertThat(GitHubRepositories.identityOfLocator("https://github.com/Acme/Widgets")).contains("acme/widgets");
        assertThat(GitHubRepositories.identityOfLocator(" HTTP://github.com/acme/widgets.git/ ")).contains("acme/widgets");
        assertThat(GitHubRepositories.identityOfLocator("https://gitlab.example/a/b?x=1#f")).contains("a/b");
        assertThat(GitHubRepositories.identityOfLocator("https://github.com//acme//widgets")).contains("acme/widgets");
    }

    @Test
    void scpStyleSshIsAnIdentity() {
        assertThat(GitHubRepositories.identityOfLocator("git@github.com:Acme/Widgets.git")).contains("acme/widgets");
        assertThat(GitHubRepositories.identityOfLocator("git@github.com:/acme/widgets/")).contains("acme/widgets");
        assertThat(GitHubRepositories.identityOfLocator("git@github.com:acme")).isEmpty();
        assertThat(GitHubRepositories.identityOfLocator("git@github.com/acme/widgets")).isEmpty();
    }

    @Test
    void apiUrlsNameTheRepositoryAfterRepos() {
        assertThat(GitHubRepositories.identityOfLocator("https://api.github.com/repos/Acme/Widgets"))
                .contains("acme/widgets");
        assertThat(GitHubRepositories.identityOfLocator("https://API.GitHub.com/REPOS/acme/widgets/issues/1"))
                .contains("acme/widgets");
        assertThat(GitHubRepositories.identityOfLocator("https://api.github.com/users/acme/repos")).isEmpty();
        // two segments: the generic http rule applies first, as in the reference
        assertThat(GitHubRepositories.identityOfLocator("https://api.github.com/repos/acme")).contains("repos/acme");
    }

    @Test
    void otherFormsAreNoIdentity() {
        for (String value : new String[] {"", "   ", "ssh://git@github.com/acme/widgets", "/srv/repos/widgets",
                "https://github.com/acme", "https://github.com/acme/widgets/tree/main", "https://github.com/acme/.git",
                "ftp://github.com/a/b", "github.com/acme/widgets"}) {
            assertThat(GitHubRepositories.identityOfLocator(value)).as(value).isEqualTo(Optional.empty());
        }
        assertThat(GitHubRepositories.identityOfLocator(null)).isEmpty();
    }

    @Test
    void locatorsNormaliseCaseTrailingSlashesAndOneDotGit() {
        assertThat(GitHubRepositories.normaliseLocator(" SSH://Host/A/B.git/ ")).isEqualTo("ssh://host/a/b");
        assertThat(GitHubRepositories.normaliseLocator("/srv/Repo//")).isEqualTo("/srv/repo");
        assertThat(GitHubRepositories.normaliseLocator("x.git.git")).isEqualTo("x.git");
        assertThat(GitHubRepositories.normaliseLocator(null)).isEmpty();
    }

    @Test
    void candidatesComeFromEveryRepositoryField() {
        WebhookPayloads.Repository repository = new WebhookPayloads.Repository("Name", "Full/Name.git",
                "https://github.com/h/u", "https://github.com/c/u.git", "git@github.com:s/u.git",
                "https://api.github.com/repos/a/u", "Login");
        assertThat(GitHubRepositories.candidateIdentities(repository))
                .containsExactly("full/name", "login/name", "h/u", "c/u", "s/u", "a/u");
        assertThat(GitHubRepositories.candidateLocators(repository)).containsExactly("https://github.com/h/u",
                "https://github.com/c/u", "git@github.com:s/u", "https://api.github.com/repos/a/u");
    }

    @Test
    void incompleteFieldsGiveNoCandidate() {
        WebhookPayloads.Repository repository = new WebhookPayloads.Repository("name", "noslash", null, "", null,
                null, null);
        assertThat(GitHubRepositories.candidateIdentities(repository)).isEmpty();
        assertThat(GitHubRepositories.candidateLocators(repository)).isEmpty();
        assertThat(GitHubRepositories.candidateIdentities(new WebhookPayloads.Repository(null, "/x", null, null, null,
                null, "")).isEmpty()).isTrue();
        assertThat(GitHubRepositories.candidateIdentities(new WebhookPayloads.Repository(null, "o/r/extra", null,
                null, null, null, null))).containsExactly("o/r/extra");
    }
}
