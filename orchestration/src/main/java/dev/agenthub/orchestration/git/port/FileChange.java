package dev.agenthub.orchestration.git.port;

import java.util.Objects;

/**
 * One file a provider writes or removes (§7.2 {@code file_changes}). {@code path} is relative to the workspace root
 * with {@code /} separators; the engine refuses any path that resolves outside the workspace. An upsert writes
 * {@code content} plus a trailing newline (§6.3 step 6); a delete ignores {@code content}.
 */
public record FileChange(String path, Operation operation, String content) {

    public enum Operation {
        UPSERT, DELETE
    }

    public FileChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(content, "content");
    }

    public static FileChange upsert(String path, String content) {
        return new FileChange(path, Operation.UPSERT, content);
    }

    public static FileChange delete(String path) {
        return new FileChange(path, Operation.DELETE, "");
    }
}
