package dev.agenthub.it.autopilot;

import dev.agenthub.it.support.HttpProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local repo paths on project creation with the defaults (allowed, no root; wire spec agenthub §5.1), on real
 * directories: the stored value is the resolved real path, and every rejection is a string-detail 422.
 */
class RepoUrlLocalPathsWireTest extends AutopilotWireTest {

    final Path temp = RepoDirs.create();

    @AfterAll
    void removeDirectories() {
        RepoDirs.delete(temp);
    }

    private HttpProbe.Response create(String repoUrl) {
        return post("/projects", Map.of("name", unique("local"), "repo_url", repoUrl));
    }

    private String stored(String repoUrl) {
        HttpProbe.Response created = create(repoUrl);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("repo_url").asText();
    }

    @Test
    void aWorkTreeABareRepositoryAndAFileUrlAreStoredResolved() throws IOException {
        Path work = RepoDirs.workTree(temp.resolve("work"));
        Path bare = RepoDirs.bare(temp.resolve("bare.git"));
        assertThat(stored(" " + temp + "/other/../work ")).isEqualTo(work.toString());
        assertThat(stored(bare.toString())).isEqualTo(bare.toString());
        assertThat(stored("file://" + work)).isEqualTo(work.toString());
        Path link = Files.createSymbolicLink(temp.resolve("link"), work);
        assertThat(stored(link.toString())).isEqualTo(work.toString());
    }

    @Test
    void aMissingPathAndAPlainDirectoryAreRejected() throws IOException {
        assertDetail(create(temp + "/absent"), 422, "Local repository path does not exist: " + temp.resolve("absent"));
        Path plain = Files.createDirectories(temp.resolve("plain"));
        assertDetail(create(plain.toString()), 422, "Path is not a git repository: " + plain);
        assertDetail(create("file://" + plain), 422, "Path is not a git repository: " + plain);
    }

    @Test
    void aTildeExpandsToTheHomeDirectory() {
        String name = "agent-hub-absent-" + unique("x");
        Path expected = Path.of(System.getProperty("user.home")).resolve(name);
        assertDetail(create("~/" + name), 422, "Local repository path does not exist: " + expected);
    }

    /** Temporary repository layouts, removed after the class. */
    static final class RepoDirs {
        static Path create() {
            try {
                return Files.createTempDirectory("agent-hub-repos").toRealPath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Path workTree(Path dir) throws IOException {
            Files.createDirectories(dir.resolve(".git"));
            return dir;
        }

        static Path bare(Path dir) throws IOException {
            Files.createDirectories(dir.resolve("objects"));
            Files.writeString(dir.resolve("HEAD"), "ref: refs/heads/main\n");
            return dir;
        }

        static void delete(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
