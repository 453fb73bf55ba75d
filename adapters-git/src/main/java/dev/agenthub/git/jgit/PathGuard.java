package dev.agenthub.git.jgit;

import dev.agenthub.orchestration.git.port.GitFailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

/**
 * Refuses paths that would reach outside a workspace (§6.3 step 6): absolute paths, {@code ..} escapes, anything in
 * {@code .git}, and any path through a symbolic link. {@link #checkBeforeWrite} runs on every path a change names
 * before anything is written; {@link #checkAfterWrite} runs on the changed and untracked paths afterwards, and
 * refuses one whose real location (its own link target included) is outside the root.
 */
final class PathGuard {

    private static final java.util.regex.Pattern WINDOWS_DRIVE = java.util.regex.Pattern.compile("[A-Za-z]:/");

    private final Path root;
    private final Path realRoot;

    PathGuard(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new GitFailure("workspace root is not accessible: " + e.getMessage());
        }
    }

    /**
     * The file {@code relative} names inside the root.
     *
     * @throws GitFailure when the path is refused
     */
    Path checkBeforeWrite(String relative) {
        if (relative.isEmpty() || relative.indexOf('\0') >= 0) {
            throw refused(relative, "empty or contains NUL");
        }
        String slashed = relative.replace('\\', '/');
        if (slashed.startsWith("/") || WINDOWS_DRIVE.matcher(slashed).lookingAt() || Path.of(relative).isAbsolute()) {
            throw refused(relative, "absolute path");
        }
        Path resolved = root.resolve(slashed).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw refused(relative, "resolves outside the workspace");
        }
        Path inside = root.relativize(resolved);
        Path walk = root;
        for (Path component : inside) {
            if (component.toString().toLowerCase(Locale.ROOT).equals(".git")) {
                throw refused(relative, "inside .git");
            }
            walk = walk.resolve(component);
            if (Files.isSymbolicLink(walk)) {
                throw refused(relative, "goes through a symbolic link");
            }
        }
        return resolved;
    }

    /**
     * Checks paths git reports as changed or untracked after the write.
     *
     * @throws GitFailure naming the first path whose real location is outside the root
     */
    void checkAfterWrite(Collection<String> paths) {
        for (String relative : paths) {
            Path path = root.resolve(relative).normalize();
            if (!path.startsWith(root) || relative.toLowerCase(Locale.ROOT).startsWith(".git/")) {
                throw refused(relative, "resolves outside the workspace");
            }
            Path existing = path;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                continue;
            }
            Path real;
            try {
                real = Files.exists(existing) ? existing.toRealPath() : existing.getParent().toRealPath();
            } catch (IOException e) {
                throw refused(relative, "cannot be resolved");
            }
            if (!real.startsWith(realRoot)) {
                throw refused(relative, "resolves outside the workspace");
            }
            if (Files.isSymbolicLink(path)) {
                try {
                    Path target = path.getParent().resolve(Files.readSymbolicLink(path)).normalize();
                    if (!target.startsWith(root) && !target.startsWith(realRoot)) {
                        throw refused(relative, "is a symbolic link pointing outside the workspace");
                    }
                } catch (IOException e) {
                    throw refused(relative, "is an unreadable symbolic link");
                }
            }
        }
    }

    private static GitFailure refused(String path, String why) {
        return new GitFailure("refused path '" + path + "': " + why);
    }
}
