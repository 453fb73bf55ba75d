package dev.agenthub.orchestration.forge;

import dev.agenthub.protocol.kernel.error.DomainError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The repo URL rules of wire spec agenthub §10.1 and §10.2. */
class ForgeReposTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://github.com/acme/widgets", "https://github.com/acme/widgets.git",
            "http://ghe.example/acme/widgets/", "  git@github.com:acme/widgets.git ", "git@ghe:acme/widgets",
            "HTTPS://github.com/acme/widgets?x=1#y"})
    void gitHubAcceptsTwoSegments(String url) {
        ForgeRepo repo = ForgeRepos.gitHub(url);
        assertThat(repo.path()).isEqualTo("acme/widgets");
        assertThat(repo.owner()).isEqualTo("acme");
        assertThat(repo.name()).isEqualTo("widgets");
        assertThat(repo.apiPath()).isEqualTo("repos/acme/widgets");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ssh://git@github.com/acme/widgets|Unsupported repository URL scheme `ssh`; expected https:// or git@ URL",
            "/srv/repos/widgets|Unsupported repository URL scheme ``; expected https:// or git@ URL",
            "ftp://x/acme/widgets|Unsupported repository URL scheme `ftp`; expected https:// or git@ URL",
            "https://github.com/acme|Repository URL must point to owner/repo: https://github.com/acme",
            "https://github.com/acme/widgets/tree|Repository URL must point to owner/repo: https://github.com/acme/widgets/tree",
            "git@github.com|Repository URL must point to owner/repo: git@github.com"})
    void gitHubRejections(String url, String detail) {
        assertThatThrownBy(() -> ForgeRepos.gitHub(url)).isInstanceOf(DomainError.Invalid.class).hasMessage(detail);
    }

    @Test
    void emptyUrls() {
        assertThatThrownBy(() -> ForgeRepos.gitHub("  ")).hasMessage("repo_url cannot be empty");
        assertThatThrownBy(() -> ForgeRepos.gitLab("")).hasMessage("repo_url cannot be empty");
    }

    @Test
    void gitLabSubgroupsAreOneEncodedComponent() {
        ForgeRepo repo = ForgeRepos.gitLab("https://gitlab.example/platform/back end/api.git");
        assertThat(repo.path()).isEqualTo("platform/back end/api");
        assertThat(repo.apiPath()).isEqualTo("projects/platform%2Fback%20end%2Fapi");
        assertThat(ForgeRepos.gitLab("git@gitlab.com:g/s/p.git").apiPath()).isEqualTo("projects/g%2Fs%2Fp");
    }

    @Test
    void gitLabCutsAtTheFirstDashSegment() {
        ForgeRepo repo = ForgeRepos.gitLab("https://gitlab.com/group/sub/proj/-/merge_requests/4/-/x");
        assertThat(repo.path()).isEqualTo("group/sub/proj");
        assertThat(repo.apiPath()).isEqualTo("projects/group%2Fsub%2Fproj");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://gitlab.com/solo", "https://gitlab.com/solo/-/issues", "git@gitlab.com:solo.git"})
    void gitLabNeedsTwoSegments(String url) {
        assertThatThrownBy(() -> ForgeRepos.gitLab(url)).isInstanceOf(DomainError.Invalid.class)
                .hasMessage("Repository URL must include group/project path: " + url);
    }

    @Test
    void componentEncodingKeepsOnlyUnreservedCharacters() {
        assertThat(ForgeRepos.encodeComponent("a-b.c_d~e/f g+h%é")).isEqualTo("a-b.c_d~e%2Ff%20g%2Bh%25%C3%A9");
    }
}
