package dev.agenthub.orchestration.projects;

import dev.agenthub.protocol.kernel.error.DomainError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code repo_url} rules of project creation (wire spec agenthub §5.1): remote forms are stored as given
 * (trimmed), anything else is a local path that must be an existing git repository, optionally inside an allowed
 * root, and is stored as its resolved real path. Every rejection is a string-detail 422.
 *
 * @param allowLocalPaths {@code AGENT_HUB_ALLOW_LOCAL_REPO_PATHS}
 * @param allowedRoot     {@code AGENT_HUB_ALLOWED_LOCAL_REPO_ROOT} as configured (may start with {@code ~}); empty
 *                        when unset
 * @param home            the directory {@code ~} stands for
 */
public record RepoUrls(boolean allowLocalPaths, Optional<String> allowedRoot, Path home) {

    static final String EMPTY = "repo_url cannot be empty";
    static final String LOCAL_DISABLED = "Local repository paths are disabled";

    private static final Set<String> REMOTE_SCHEMES = Set.of("http", "https", "ssh", "git");

    public RepoUrls {
        Objects.requireNonNull(allowedRoot, "allowedRoot");
        Objects.requireNonNull(home, "home");
    }

    /**
     * The value to store for {@code raw}.
     *
     * @throws DomainError.Invalid a string-detail 422 with the text of §5.1 when the value breaks a rule
     */
    public String normalize(String raw) {
        String value = raw.strip();
        if (value.isEmpty()) {
            throw new DomainError.Invalid(EMPTY);
        }
        if (value.startsWith("git@")) {
            return value;
        }
        Optional<String> scheme = scheme(value);
        if (scheme.isPresent() && REMOTE_SCHEMES.contains(scheme.get())) {
            return value;
        }
        String local = scheme.filter("file"::equals).isPresent() ? fileUrlPath(value) : expandHome(value);
        if (!allowLocalPaths) {
            throw new DomainError.Invalid(LOCAL_DISABLED);
        }
        Path resolved = resolve(local);
        if (!Files.exists(resolved)) {
            throw new DomainError.Invalid("Local repository path does not exist: " + resolved);
        }
        if (!isRepository(resolved)) {
            throw new DomainError.Invalid("Path is not a git repository: " + resolved);
        }
        if (allowedRoot.isPresent()) {
            Path root = resolve(expandHome(allowedRoot.get()));
            if (!resolved.startsWith(root)) {
                throw new DomainError.Invalid("Local repository path `" + resolved + "` is outside allowed root `" + root + "`");
            }
        }
        return resolved.toString();
    }

    /** A working tree ({@code .git} inside) or a bare repository (a {@code HEAD} file and an {@code objects} directory). */
    static boolean isRepository(Path dir) {
        if (Files.exists(dir.resolve(".git"))) {
            return true;
        }
        return Files.isDirectory(dir) && Files.exists(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"));
    }

    /**
     * The URL scheme the way Python's {@code urlsplit} finds it: the text before the first {@code :} when it starts
     * with an ASCII letter and holds only letters, digits, {@code +}, {@code -} and {@code .}; lowercased.
     */
    static Optional<String> scheme(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0 || !isAsciiLetter(value.charAt(0))) {
            return Optional.empty();
        }
        for (int i = 0; i < colon; i++) {
            char c = value.charAt(i);
            if (!(isAsciiLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
                return Optional.empty();
            }
        }
        return Optional.of(value.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    /** The path part of a {@code file:} URL: after an optional {@code //authority}, up to a query or fragment. */
    private static String fileUrlPath(String value) {
        String rest = value.substring(value.indexOf(':') + 1);
        if (rest.startsWith("//")) {
            int slash = indexOfAny(rest, 2, "/?#");
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        int end = indexOfAny(rest, 0, "?#");
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static int indexOfAny(String text, int from, String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** {@code ~} and {@code ~/…} stand for the home directory; other values are unchanged. */
    private String expandHome(String value) {
        if (value.equals("~")) {
            return home.toString();
        }
        if (value.startsWith("~/")) {
            return home + value.substring(1);
        }
        return value;
    }

    /**
     * The absolute path with every symbolic link of its existing part resolved, the way Python's non-strict
     * {@code Path.resolve()} does: the longest existing prefix becomes its real path, the rest is appended normalised.
     */
    private static Path resolve(String text) {
        Path path;
        try {
            path = Path.of(text.isEmpty() ? "." : text).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new DomainError.Invalid("Local repository path does not exist: " + text);
        }
        Path existing = path;
        Path rest = null;
        while (existing != null) {
            if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Path real = existing.toRealPath();
                    return rest == null ? real : real.resolve(rest).normalize();
                } catch (IOException e) {
                    // a dangling link or an unreadable part: keep walking up
                }
            }
            Path name = existing.getFileName();
            if (name == null) {
                break;
            }
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        return path.normalize();
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
