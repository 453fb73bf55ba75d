package dev.agenthub.it.bench;

import dev.agenthub.git.jgit.JGitSettings;
import dev.agenthub.git.jgit.JGitWorkspaces;
import dev.agenthub.orchestration.git.port.ChangeSet;
import dev.agenthub.orchestration.git.port.FileChange;
import dev.agenthub.orchestration.git.port.RepoTarget;
import dev.agenthub.orchestration.git.port.Workspace;
import dev.agenthub.persistence.inprocess.InProcessProjectLocks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One autopilot work item's git work on a repository of {@code bench.files} (5,000) files: prepare the workspace
 * (identity, fetch --prune, check out the default branch, fast-forward from origin), create a fresh branch, write 3
 * files, check the paths, stage, commit, diff against the parent, then check out the default branch and merge
 * fast-forward. Once through the JGit engine ({@code withWorkspace} + {@code commitOnFreshBranch} + {@code merge}),
 * once as the {@code git} commands the original implementation runs (ProcessBuilder is allowed here, in the
 * benchmark only). Not a test: run {@code main} (see {@code docs/benchmarks.md}).
 *
 * <p>System properties: {@code bench.files} (5000), {@code bench.warmup} (5), {@code bench.iterations} (15). The two
 * engines alternate, each on its own clone of one bare remote; the figures are medians of the measured iterations.
 */
public final class GitEngineBenchmark {

    private static final String MAIN = "main";

    private GitEngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = Integer.getInteger("bench.files", 5000);
        int warmup = Integer.getInteger("bench.warmup", 5);
        int iterations = Integer.getInteger("bench.iterations", 15);
        Path scratch = Files.createTempDirectory("agenthub-git-bench");
        Path home = Files.createDirectories(scratch.resolve("home"));
        Cli cli = new Cli(home);

        Path seed = scratch.resolve("seed");
        Files.createDirectories(seed);
        cli.run(seed, "git", "init", "-q", "-b", MAIN);
        for (int i = 0; i < files; i++) {
            Path file = seed.resolve("src/d" + (i / 100) + "/f" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "file " + i + "\n".repeat(1 + i % 5));
        }
        Files.writeString(seed.resolve("README.md"), "# bench\n");
        cli.run(seed, "git", "add", "-A");
        cli.run(seed, "git", "-c", "user.name=Seed", "-c", "user.email=seed@example.com", "commit", "-q", "-m", "seed");
        Path remote = scratch.resolve("remote.git");
        cli.run(scratch, "git", "clone", "-q", "--bare", seed.toString(), remote.toString());
        System.out.printf("repository: %d files; %d warm-up and %d measured iterations each%n", files + 1, warmup, iterations);

        JGitWorkspaces engine = new JGitWorkspaces(
                JGitSettings.defaults(scratch.resolve("jgit-workspaces")).withTiming(Duration.ofSeconds(60), 1),
                new InProcessProjectLocks());
        RepoTarget target = new RepoTarget(1, remote.toString(), MAIN);
        engine.withWorkspace(target, Workspace::overview); // the clone, not measured
        Path cliWorkspace = scratch.resolve("cli-workspace");
        cli.run(scratch, "git", "clone", "-q", remote.toString(), cliWorkspace.toString());

        List<Double> jgit = new ArrayList<>();
        List<Double> git = new ArrayList<>();
        for (int i = 0; i < warmup + iterations; i++) {
            String branch = "agent/" + i + "-bench-item";
            double jgitMs = time(() -> jgitWorkItem(engine, target, branch));
            double gitMs = time(() -> cliWorkItem(cli, cliWorkspace, branch));
            if (i >= warmup) {
                jgit.add(jgitMs);
                git.add(gitMs);
            }
        }
        double jgitMedian = median(jgit);
        double gitMedian = median(git);
        System.out.printf("%-10s %10s %10s %10s%n", "engine", "median ms", "min ms", "max ms");
        System.out.printf("%-10s %10.1f %10.1f %10.1f%n", "JGit", jgitMedian, Collections.min(jgit), Collections.max(jgit));
        System.out.printf("%-10s %10.1f %10.1f %10.1f%n", "git CLI", gitMedian, Collections.min(git), Collections.max(git));
        System.out.printf("ratio JGit / git CLI: %.2f (goal <= 1.5)%n", jgitMedian / gitMedian);
        JGitWorkspacesDelete.delete(scratch);
    }

    private static ChangeSet threeFiles(String branch) {
        return new ChangeSet.FileChanges(List.of(
                FileChange.upsert("src/d1/f150.txt", "changed by " + branch),
                FileChange.upsert("docs/" + branch.replace('/', '-') + ".md", "# " + branch),
                FileChange.upsert("src/d7/new-" + branch.replace('/', '-') + ".txt", "new")));
    }

    private static void jgitWorkItem(JGitWorkspaces engine, RepoTarget target, String branch) {
        engine.withWorkspace(target, workspace -> {
            Workspace.Committed committed = workspace.commitOnFreshBranch(branch, threeFiles(branch), "Work " + branch);
            if (committed.diff().isEmpty()) {
                throw new IllegalStateException("nothing committed");
            }
            return workspace.merge(branch, false);
        });
    }

    /** The git commands of §6.3 steps 4, 6 and 12 for one item, as the original implementation runs them. */
    private static void cliWorkItem(Cli cli, Path dir, String branch) throws IOException {
        cli.run(dir, "git", "config", "user.name", "Agent Hub Bot");
        cli.run(dir, "git", "config", "user.email", "agent-hub@example.local");
        cli.run(dir, "git", "fetch", "--all", "--prune");
        cli.run(dir, "git", "checkout", MAIN);
        cli.run(dir, "git", "pull", "--ff-only", "origin", MAIN);
        cli.run(dir, "git", "checkout", "-B", branch);
        ChangeSet.FileChanges changes = (ChangeSet.FileChanges) threeFiles(branch);
        for (FileChange change : changes.changes()) {
            Path file = dir.resolve(change.path());
            Files.createDirectories(file.getParent());
            Files.writeString(file, change.content() + "\n", StandardCharsets.UTF_8);
        }
        cli.run(dir, "git", "status", "--porcelain");
        cli.run(dir, "git", "add", "-A");
        cli.run(dir, "git", "commit", "-q", "-m", "Work " + branch);
        cli.run(dir, "git", "rev-parse", "HEAD");
        if (cli.run(dir, "git", "diff", "HEAD~1", "HEAD").isEmpty()) {
            throw new IllegalStateException("nothing committed");
        }
        cli.run(dir, "git", "checkout", MAIN);
        cli.run(dir, "git", "merge", "--ff-only", branch);
        cli.run(dir, "git", "rev-parse", "HEAD");
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private static double time(Body body) throws Exception {
        long start = System.nanoTime();
        body.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Runs {@code git} with no user or system config of the machine. */
    private record Cli(Path home) {
        String run(Path dir, String... command) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.put("HOME", home.toString());
            env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
            env.put("GIT_CONFIG_NOSYSTEM", "1");
            env.put("GIT_TERMINAL_PROMPT", "0");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (process.waitFor() != 0) {
                    throw new IOException(String.join(" ", command) + " failed: " + output);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return output;
        }
    }

    private static final class JGitWorkspacesDelete {
        static void delete(Path dir) throws IOException {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
