package dev.agenthub.git.jgit;

import dev.agenthub.orchestration.git.port.GitFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathGuardTest {

    @TempDir
    Path root;

    @Test
    void acceptsPathsThatStayInside() {
        PathGuard guard = new PathGuard(root);
        assertThat(guard.checkBeforeWrite("src/a.txt")).isEqualTo(root.toAbsolutePath().resolve("src/a.txt"));
        assertThat(guard.checkBeforeWrite("src/../b.txt")).isEqualTo(root.toAbsolutePath().resolve("b.txt"));
        assertThat(guard.checkBeforeWrite("a:b.txt")).isEqualTo(root.toAbsolutePath().resolve("a:b.txt"));
        assertThat(guard.checkBeforeWrite(".github/workflows/ci.yml")).isNotNull();
    }

    @Test
    void refusesEscapesAbsolutePathsAndGitInternals() {
        PathGuard guard = new PathGuard(root);
        for (String path : List.of("", "../x", "a/../../x", "/etc/passwd", "C:/x", "\\\\server\\x", ".git/config",
                "sub/.GIT/hooks/pre-commit", ".", "x\0y")) {
            assertThatThrownBy(() -> guard.checkBeforeWrite(path)).as(path).isInstanceOf(GitFailure.class)
                    .hasMessageStartingWith("refused path");
        }
    }

    @Test
    void refusesAnyPathThroughASymbolicLink(@TempDir Path outside) throws IOException {
        Files.createDirectories(root.resolve("inside"));
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("in"), root.resolve("inside"));
        Files.createSymbolicLink(root.resolve("file-link"), outside.resolve("target.txt"));
        PathGuard guard = new PathGuard(root);
        for (String path : List.of("out/x.txt", "in/x.txt", "file-link")) {
            assertThatThrownBy(() -> guard.checkBeforeWrite(path)).as(path).isInstanceOf(GitFailure.class)
                    .hasMessageContaining("symbolic link");
        }
    }

    @Test
    void afterWritingRefusesALinkPointingOutsideButNotOneInside(@TempDir Path outside) throws IOException {
        Files.writeString(root.resolve("real.txt"), "x");
        Files.createSymbolicLink(root.resolve("inner-link"), root.resolve("real.txt"));
        Files.createSymbolicLink(root.resolve("outer-link"), outside);
        PathGuard guard = new PathGuard(root);
        guard.checkAfterWrite(List.of("real.txt", "inner-link", "deleted/never-existed.txt"));
        assertThatThrownBy(() -> guard.checkAfterWrite(List.of("real.txt", "outer-link")))
                .isInstanceOf(GitFailure.class).hasMessageContaining("outer-link");
    }
}
