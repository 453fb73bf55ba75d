package dev.agenthub.hub.repos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalOriginTest {

    private static String canonical(String url) {
        CanonicalOrigin.Outcome outcome = CanonicalOrigin.canonicalize(url);
        assertThat(outcome).as("canonicalising %s", url).isInstanceOf(CanonicalOrigin.Outcome.Canonical.class);
        return ((CanonicalOrigin.Outcome.Canonical) outcome).origin().value();
    }

    private static String rejection(String url) {
        CanonicalOrigin.Outcome outcome = CanonicalOrigin.canonicalize(url);
        assertThat(outcome).as("canonicalising %s", url).isInstanceOf(CanonicalOrigin.Outcome.Rejected.class);
        return ((CanonicalOrigin.Outcome.Rejected) outcome).reason();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "git@github.com:org/repo.git",
            "https://github.com/org/repo.git",
            "ssh://git@github.com:22/org/repo.git",
    })
    void specExamplesAllBecomeHostSlashPath(String url) {
        assertThat(canonical(url)).isEqualTo("github.com/org/repo");
    }

    @ParameterizedTest
    @CsvSource({
            "https://github.com/org/repo,                                  github.com/org/repo",
            "http://github.com/org/repo.git,                               github.com/org/repo",
            "git@github.com:org/repo,                                      github.com/org/repo",
            "git://github.com/org/repo.git,                                github.com/org/repo",
            "ssh://github.com/org/repo,                                    github.com/org/repo",
            "https://gitlab.example.com/group/subgroup/project.git,        gitlab.example.com/group/subgroup/project",
            "git@gitlab.example.com:group/subgroup/project.git,            gitlab.example.com/group/subgroup/project",
            "https://bitbucket.org/team/my-repo_v2.git,                    bitbucket.org/team/my-repo_v2",
    })
    void otherSchemesAndDeeperPaths(String url, String expected) {
        assertThat(canonical(url)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "https://github.com/org/repo/,         github.com/org/repo",
            "https://github.com/org/repo///,       github.com/org/repo",
            "git@github.com:org/repo/,             github.com/org/repo",
            "https://github.com/org/repo.git/,     github.com/org/repo.git",
    })
    void stripsTrailingSlashesAfterTheGitSuffix(String url, String expected) {
        // §2.3 step 4: one trailing ".git" first, then trailing "/"; so "repo.git/" keeps its ".git"
        assertThat(canonical(url)).isEqualTo(expected);
    }

    @Test
    void stripsTheGitSuffixOnceOnly() {
        assertThat(canonical("https://github.com/org/repo.git.git")).isEqualTo("github.com/org/repo.git");
        assertThat(canonical("git@github.com:org/repo.git.git")).isEqualTo("github.com/org/repo.git");
    }

    @Test
    void gitInsideTheNameIsKept() {
        assertThat(canonical("https://github.com/org/dotgit.github.io.git")).isEqualTo("github.com/org/dotgit.github.io");
        assertThat(canonical("https://github.com/org/repo.gitx")).isEqualTo("github.com/org/repo.gitx");
    }

    @ParameterizedTest
    @CsvSource({
            "https://user@github.com/org/repo.git,                      github.com/org/repo",
            "https://user:s3cret-token@github.com/org/repo.git,         github.com/org/repo",
            "https://x-access-token:ghp_abc@github.com:443/org/repo,    github.com/org/repo",
            "https://github.com:8443/org/repo.git,                      github.com/org/repo",
            "ssh://deploy@git.example.com:2222/team/repo.git,           git.example.com/team/repo",
    })
    void dropsUserinfoAndPort(String url, String expected) {
        assertThat(canonical(url)).isEqualTo(expected).doesNotContain("@", ":");
    }

    @Test
    void hostsJavaWillNotParseStillLoseUserinfoAndPort() {
        // an underscore makes URI#getHost() null; the authority is split by hand
        assertThat(canonical("ssh://git@git_server:2222/team/repo.git")).isEqualTo("git_server/team/repo");
        assertThat(canonical("https://git_server/team/repo")).isEqualTo("git_server/team/repo");
    }

    @Test
    void trimsTheInput() {
        assertThat(canonical("  https://github.com/org/repo.git \n")).isEqualTo("github.com/org/repo");
        assertThat(canonical("\tgit@github.com:org/repo.git ")).isEqualTo("github.com/org/repo");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void emptyInput(String url) {
        assertThat(rejection(url)).isEqualTo("Empty origin URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "github.com/org/repo",
            "org/repo",
            "repo",
            "/srv/git/repo.git",
            "file:///srv/git/repo.git",
            "https:///org/repo",
            "https://user@/org/repo",
            "mailto:git@github.com",
            "https://github.com/org/my repo",
            "https://github.com/org/repo|x",
            "git@:org/repo.git",
            "deploy@github.com:org/repo.git",
    })
    void noSchemeOrHostOrUnparseable(String url) {
        assertThat(rejection(url)).isEqualTo("Invalid git URL: " + url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://github.com",
            "https://github.com/",
            "https://github.com//",
            "https://github.com/.git",
            "ssh://git@github.com:22/",
            "git@github.com:/",
            "git@github.com:.git",
    })
    void noPath(String url) {
        assertThat(rejection(url)).isEqualTo("Invalid git URL (no path): " + url);
    }

    @Test
    void rejectionQuotesTheTrimmedInput() {
        assertThat(rejection("  not a url  ")).isEqualTo("Invalid git URL: not a url");
        assertThat(rejection(" https://github.com/ ")).isEqualTo("Invalid git URL (no path): https://github.com/");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://github.com/org//repo",
            "https://github.com/org/-repo",
            "https://github.com/org/.hidden",
            "https://github.com/org/%20repo",
            "https://github.com/org/r%C3%A9po",
            "git@github.com:org/re po.git",
            "git@github.com:org/../repo",
            "ssh://git@[::1]:22/org/repo.git",
            "https://github.com/.git/",
    })
    void resultsThatAreNotWellFormedAreRejected(String url) {
        assertThat(rejection(url)).startsWith("Invalid git URL");
    }

    @Test
    void overlongResultIsRejected() {
        String host = "github.com/";
        String fits = "https://" + host + "o/" + "r".repeat(CanonicalOrigin.MAX_LENGTH - host.length() - 2);
        String tooLong = fits + "r";
        assertThat(canonical(fits)).hasSize(255);
        assertThat(rejection(tooLong)).isEqualTo("Invalid git URL: " + tooLong);
    }

    @Test
    void nameIsTheLastPathSegment() {
        assertThat(new CanonicalOrigin("github.com/org/repo").name()).isEqualTo("repo");
        assertThat(new CanonicalOrigin("gitlab.example.com/group/sub/project-x").name()).isEqualTo("project-x");
        assertThat(canonical("git@github.com:org/my.repo.git")).isEqualTo("github.com/org/my.repo");
        assertThat(new CanonicalOrigin(canonical("git@github.com:org/my.repo.git")).name()).isEqualTo("my.repo");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "github.com/org/repo",
            "gitlab.example.com/group/sub/project",
            "git_server/team/repo",
            "localhost/a",
            "10.0.0.1/org/repo.git",
            "a/b",
            "H0st.Name/Org-1/Repo_2.x",
    })
    void wellFormed(String text) {
        assertThat(CanonicalOrigin.isWellFormed(text)).isTrue();
        assertThat(new CanonicalOrigin(text).value()).isEqualTo(text);
        assertThat(new CanonicalOrigin(text)).hasToString(text);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "/github.com/org/repo",
            "github.com/org/repo/",
            "github.com//repo",
            "-github.com/org/repo",
            "github.com/.org/repo",
            "github.com/org/-repo",
            "github.com/org/re po",
            "github.com/org/répo",
            "github.com:22/org/repo",
            "user@github.com/org/repo",
            "https://github.com/org/repo",
            "github.com/org/repo?x=1",
            " github.com/org/repo",
    })
    void notWellFormed(String text) {
        assertThat(CanonicalOrigin.isWellFormed(text)).isFalse();
    }

    @Test
    void wellFormedUpTo255Characters() {
        String prefix = "github.com/org/";
        String exactly255 = prefix + "r".repeat(255 - prefix.length());
        assertThat(exactly255).hasSize(255);
        assertThat(CanonicalOrigin.isWellFormed(exactly255)).isTrue();
        assertThat(CanonicalOrigin.isWellFormed(exactly255 + "r")).isFalse();
        assertThat(CanonicalOrigin.MAX_LENGTH).isEqualTo(255);
    }

    @Test
    void constructorInsistsOnTheCanonicalForm() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CanonicalOrigin("https://github.com/org/repo"));
        assertThatIllegalArgumentException().isThrownBy(() -> new CanonicalOrigin(""));
        assertThatIllegalArgumentException().isThrownBy(() -> new CanonicalOrigin("github.com/" + "r".repeat(250)));
        assertThatNullPointerException().isThrownBy(() -> new CanonicalOrigin(null));
    }

    @Test
    void canonicalResultsAreAlwaysWellFormedAndStable() {
        for (String url : new String[] {
                "git@github.com:org/repo.git", "https://u:p@github.com:443/org/repo/", "ssh://git@github.com:22/org/repo"}) {
            String once = canonical(url);
            assertThat(CanonicalOrigin.isWellFormed(once)).isTrue();
            assertThat(canonical("https://" + once)).as("re-canonicalising %s", once).isEqualTo(once);
        }
    }
}
