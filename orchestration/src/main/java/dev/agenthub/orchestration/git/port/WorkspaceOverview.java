package dev.agenthub.orchestration.git.port;

import java.util.List;

/**
 * What a provider is told about the workspace on the default branch (§7.2): the number of tracked files, the first
 * 120 tracked paths in index order, and the first 1,800 characters of {@code README.md} ({@code ""} when absent).
 */
public record WorkspaceOverview(int trackedFiles, List<String> firstPaths, String readmeHead) {

    public static final int MAX_PATHS = 120;
    public static final int MAX_README_CHARS = 1800;

    public WorkspaceOverview {
        firstPaths = List.copyOf(firstPaths);
    }
}
