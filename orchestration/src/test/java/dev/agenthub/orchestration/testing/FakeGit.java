package dev.agenthub.orchestration.testing;

import dev.agenthub.orchestration.git.port.ChangeSet;
import dev.agenthub.orchestration.git.port.GitFailure;
import dev.agenthub.orchestration.git.port.GitWorkspaces;
import dev.agenthub.orchestration.git.port.RepoTarget;
import dev.agenthub.orchestration.git.port.Workspace;
import dev.agenthub.orchestration.git.port.WorkspaceOverview;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A fake of the git port that records what was asked: branches committed, branches merged (with the push flag), and
 * whether a workspace was entered while another was open (it must not be: sections never nest).
 */
public final class FakeGit implements GitWorkspaces {

    public final List<String> log = new ArrayList<>();
    /** Branches whose commit fails with a GitFailure. */
    public final Set<String> failCommit = new HashSet<>();
    /** Branches whose merge fails with a GitFailure. */
    public final Set<String> failMerge = new HashSet<>();
    private int open;
    private int shas;

    @Override
    public <T> T withWorkspace(RepoTarget target, Function<Workspace, T> work) {
        if (open > 0) {
            throw new AssertionError("nested workspace section");
        }
        open++;
        try {
            return work.apply(new Workspace() {
                @Override
                public Path root() {
                    return Path.of("/fake/project-" + target.projectId());
                }

                @Override
                public WorkspaceOverview overview() {
                    log.add("overview");
                    return new WorkspaceOverview(1, List.of("README.md"), "# demo");
                }

                @Override
                public Committed commitOnFreshBranch(String branch, ChangeSet changes, String message) {
                    if (failCommit.contains(branch)) {
                        throw new GitFailure("apply failed on " + branch);
                    }
                    log.add("commit " + branch + " " + message);
                    return new Committed("sha" + (++shas), "diff of " + branch);
                }

                @Override
                public Merged merge(String branch, boolean push) {
                    if (failMerge.contains(branch)) {
                        throw new GitFailure("conflict merging " + branch);
                    }
                    log.add("merge " + branch + (push ? " push" : ""));
                    return new Merged("merge" + (++shas), true);
                }
            });
        } finally {
            open--;
        }
    }
}
