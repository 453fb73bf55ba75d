package dev.agenthub.git.jgit;

import dev.agenthub.orchestration.git.port.ChangeSet;
import dev.agenthub.orchestration.git.port.FileChange;
import dev.agenthub.orchestration.git.port.GitFailure;
import dev.agenthub.orchestration.git.port.RepoTarget;
import dev.agenthub.orchestration.git.port.Workspace;
import dev.agenthub.orchestration.git.port.WorkspaceOverview;
import org.eclipse.jgit.api.CreateBranchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.Patch;
import org.eclipse.jgit.patch.PatchApplier;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One prepared workspace handed to the work of {@link JGitWorkspaces#withWorkspace}; valid until it returns. */
final class JGitWorkspace implements Workspace {

    static final String BOT_NAME = "Agent Hub Bot";
    static final String BOT_EMAIL = "agent-hub@example.local";
    private static final String NO_HOOKS_DIR = "agent-hub-no-hooks";

    private final Git git;
    private final Repository repo;
    private final RepoTarget target;
    private final GitCommands commands;
    private final Path root;
    private volatile boolean valid = true;

    JGitWorkspace(Git git, RepoTarget target, GitCommands commands) {
        this.git = git;
        this.repo = git.getRepository();
        this.target = target;
        this.commands = commands;
        this.root = repo.getWorkTree().toPath().toAbsolutePath().normalize();
    }

    void invalidate() {
        valid = false;
    }

    /** §6.3 step 4, minus the clone: identity and pinned config, fetch, default branch, fast-forward. */
    static void prepare(Git git, RepoTarget target, GitCommands commands) {
        Repository repo = git.getRepository();
        commands.run("configure workspace", () -> {
            pinConfig(repo);
            return null;
        });
        String remoteUrl = repo.getConfig().getString(ConfigConstants.CONFIG_REMOTE_SECTION, "origin", "url");
        if (remoteUrl != null) {
            commands.tryRun("fetch", () -> {
                var fetch = git.fetch().setRemote("origin").setRemoveDeletedRefs(true)
                        .setTimeout(commands.timeoutSeconds());
                commands.credentialsFor(remoteUrl).ifPresent(fetch::setCredentialsProvider);
                return fetch.call();
            });
        }
        new JGitWorkspace(git, target, commands).checkoutDefault();
        Ref remote = exactRef(repo, Constants.R_REMOTES + "origin/" + target.defaultBranch());
        Ref local = exactRef(repo, Constants.R_HEADS + target.defaultBranch());
        if (remote != null && local != null && !remote.getObjectId().equals(local.getObjectId())) {
            commands.tryRun("fast-forward " + target.defaultBranch() + " from origin", () -> git.merge()
                    .include(remote.getObjectId())
                    .setFastForward(MergeCommand.FastForwardMode.FF_ONLY)
                    .setCommit(true)
                    .call());
        }
    }

    private static void pinConfig(Repository repo) throws IOException {
        StoredConfig config = repo.getConfig();
        Path noHooks = repo.getDirectory().toPath().resolve(NO_HOOKS_DIR);
        Files.createDirectories(noHooks);
        boolean changed = set(config, "user", "name", BOT_NAME);
        changed |= set(config, "user", "email", BOT_EMAIL);
        changed |= set(config, "core", "hooksPath", noHooks.toString());
        changed |= set(config, "core", "autocrlf", "false");
        changed |= set(config, "commit", "gpgSign", "false");
        changed |= set(config, "tag", "gpgSign", "false");
        if (changed) {
            config.save();
        }
    }

    private static boolean set(StoredConfig config, String section, String name, String value) {
        if (value.equals(config.getString(section, null, name))) {
            return false;
        }
        config.setString(section, null, name, value);
        return true;
    }

    @Override
    public Path root() {
        checkValid();
        return root;
    }

    @Override
    public WorkspaceOverview overview() {
        checkValid();
        return commands.run("read the overview", () -> {
            DirCache index = repo.readDirCache();
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < index.getEntryCount() && paths.size() < WorkspaceOverview.MAX_PATHS; i++) {
                paths.add(index.getEntry(i).getPathString());
            }
            return new WorkspaceOverview(index.getEntryCount(), paths, readmeHead());
        });
    }

    private String readmeHead() throws IOException {
        Path readme = root.resolve("README.md");
        if (!Files.isRegularFile(readme, LinkOption.NOFOLLOW_LINKS)) {
            return "";
        }
        char[] buffer = new char[WorkspaceOverview.MAX_README_CHARS];
        int filled = 0;
        try (Reader reader = Files.newBufferedReader(readme, StandardCharsets.UTF_8)) {
            int read;
            while (filled < buffer.length && (read = reader.read(buffer, filled, buffer.length - filled)) > 0) {
                filled += read;
            }
        } catch (java.nio.charset.MalformedInputException e) {
            return "";
        }
        return new String(buffer, 0, filled);
    }

    @Override
    public Committed commitOnFreshBranch(String branch, ChangeSet changes, String message) {
        checkValid();
        checkBranchName(branch);
        checkoutDefault();
        ObjectId base = head();
        Set<String> touched = new LinkedHashSet<>();
        try {
            commands.run("create branch " + branch, () -> {
                String ref = Constants.R_HEADS + branch;
                if (exactRef(repo, ref) != null) {
                    git.branchDelete().setBranchNames(ref).setForce(true).call();
                }
                if (base != null) {
                    git.checkout().setCreateBranch(true).setName(branch).setStartPoint(base.name()).call();
                } else {
                    linkHead(ref);
                }
                return null;
            });
            PathGuard guard = new PathGuard(root);
            switch (changes) {
                case ChangeSet.FileChanges files -> writeFiles(guard, files.changes(), touched);
                case ChangeSet.UnifiedPatch patch -> applyPatch(guard, patch.diff(), base, touched);
            }
            Set<String> written = new LinkedHashSet<>(touched); // a link on the way hides a path from status
            written.addAll(changedAndUntracked(touched));
            guard.checkAfterWrite(written);
            return commands.run("commit on " + branch, () -> stageAndCommit(touched, base, message));
        } catch (RuntimeException failure) {
            restoreDefault();
            throw failure instanceof GitFailure ? failure : new GitFailure("commit on " + branch + ": " + commands.describe(failure));
        }
    }

    private void writeFiles(PathGuard guard, List<FileChange> changes, Set<String> touched) {
        List<Path> targets = new ArrayList<>();
        for (FileChange change : changes) {
            targets.add(guard.checkBeforeWrite(change.path()));
        }
        for (int i = 0; i < changes.size(); i++) {
            FileChange change = changes.get(i);
            Path file = targets.get(i);
            touched.add(root.relativize(file).toString().replace('\\', '/'));
            commands.run("write " + change.path(), () -> {
                guard.checkBeforeWrite(change.path()); // an earlier change may have created a link on the way
                if (change.operation() == FileChange.Operation.DELETE) {
                    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                        throw new GitFailure("refused path '" + change.path() + "': is a directory");
                    }
                    Files.deleteIfExists(file);
                } else {
                    Files.createDirectories(file.getParent());
                    String content = change.content().endsWith("\n") ? change.content() : change.content() + "\n";
                    Files.writeString(file, content, StandardCharsets.UTF_8);
                }
                return null;
            });
        }
    }

    private void applyPatch(PathGuard guard, String diff, ObjectId base, Set<String> touched) {
        Patch patch = new Patch();
        byte[] bytes = fixAddedWhitespace(diff).getBytes(StandardCharsets.UTF_8);
        commands.run("parse the patch", () -> {
            patch.parse(new ByteArrayInputStream(bytes));
            return null;
        });
        if (!patch.getErrors().isEmpty()) {
            throw new GitFailure("patch does not parse: " + patch.getErrors().getFirst().getMessage());
        }
        if (patch.getFiles().isEmpty()) {
            throw new GitFailure("patch names no file");
        }
        for (FileHeader file : patch.getFiles()) {
            for (String path : List.of(String.valueOf(file.getOldPath()), String.valueOf(file.getNewPath()))) {
                if (!path.equals(DiffEntryNames.DEV_NULL) && !path.equals("null")) {
                    guard.checkBeforeWrite(path);
                    touched.add(path);
                }
            }
        }
        commands.run("check the patch", () -> {
            try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
                RevTree tree = base == null
                        ? walk.parseTree(inserter.insert(Constants.OBJ_TREE, new byte[0]))
                        : walk.parseCommit(base).getTree();
                PatchApplier.Result dryRun = new PatchApplier(repo, tree, inserter).applyPatch(patch);
                if (!dryRun.getErrors().isEmpty()) {
                    throw new GitFailure("patch does not apply: " + dryRun.getErrors().getFirst());
                }
            }
            return null;
        });
        commands.run("apply the patch", () -> {
            PatchApplier.Result applied = new PatchApplier(repo).applyPatch(patch);
            if (!applied.getErrors().isEmpty()) {
                throw new GitFailure("patch does not apply: " + applied.getErrors().getFirst());
            }
            return null;
        });
    }

    /**
     * {@code git apply --whitespace=fix} for the lines a patch adds: trailing spaces and tabs are dropped (a CR before
     * the newline is kept). Context and removed lines are left alone, so the check still matches the file exactly.
     */
    static String fixAddedWhitespace(String diff) {
        StringBuilder fixed = new StringBuilder(diff.length());
        int start = 0;
        while (start < diff.length()) {
            int newline = diff.indexOf('\n', start);
            int end = newline < 0 ? diff.length() : newline;
            String line = diff.substring(start, end);
            if (line.startsWith("+") && !line.startsWith("+++ ")) {
                boolean cr = line.endsWith("\r");
                String body = cr ? line.substring(0, line.length() - 1) : line;
                int keep = body.length();
                while (keep > 1 && (body.charAt(keep - 1) == ' ' || body.charAt(keep - 1) == '\t')) {
                    keep--;
                }
                line = body.substring(0, keep) + (cr ? "\r" : "");
            }
            fixed.append(line);
            if (newline >= 0) {
                fixed.append('\n');
            }
            start = end + 1;
        }
        return fixed.toString();
    }

    /** The changed and untracked paths among those a change touched (their directories included). */
    private Set<String> changedAndUntracked(Set<String> touched) {
        if (touched.isEmpty()) {
            return Set.of();
        }
        Status status = commands.run("status", () -> {
            StatusCommand command = git.status();
            touched.forEach(command::addPath);
            return command.call();
        });
        Set<String> paths = new LinkedHashSet<>(status.getUncommittedChanges());
        paths.addAll(status.getUntracked());
        paths.addAll(status.getUntrackedFolders());
        return paths;
    }

    private Committed stageAndCommit(Set<String> touched, ObjectId base, String message) throws Exception {
        if (!touched.isEmpty()) {
            var add = git.add();
            var update = git.add().setUpdate(true);
            touched.forEach(path -> {
                add.addFilepattern(path);
                update.addFilepattern(path);
            });
            add.call();
            update.call();
        }
        try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
            ObjectId staged = repo.readDirCache().writeTree(inserter);
            inserter.flush();
            ObjectId baseTree = base == null ? null : walk.parseCommit(base).getTree().getId();
            boolean nothing = base == null ? repo.readDirCache().getEntryCount() == 0 : staged.equals(baseTree);
            if (nothing) {
                return new Committed(base == null ? "" : base.name(), "");
            }
        }
        PersonIdent bot = new PersonIdent(BOT_NAME, BOT_EMAIL);
        RevCommit commit = git.commit().setMessage(message).setAuthor(bot).setCommitter(bot)
                .setSign(false).setNoVerify(true).call();
        return new Committed(commit.name(), diffAgainstFirstParent(commit));
    }

    private String diffAgainstFirstParent(RevCommit commit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out); RevWalk walk = new RevWalk(repo)) {
            formatter.setRepository(repo);
            RevCommit parsed = walk.parseCommit(commit);
            RevTree parent = parsed.getParentCount() == 0 ? null : walk.parseCommit(parsed.getParent(0)).getTree();
            formatter.format(parent, parsed.getTree());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public Merged merge(String branch, boolean push) {
        checkValid();
        checkBranchName(branch);
        checkoutDefault();
        Ref source = exactRef(repo, Constants.R_HEADS + branch);
        if (source == null) {
            throw new GitFailure("merge: unknown branch " + branch);
        }
        ObjectId before = head();
        Merged merged;
        if (before == null) {
            merged = commands.run("fast-forward " + target.defaultBranch() + " to " + branch, () -> {
                RefUpdate update = repo.updateRef(Constants.R_HEADS + target.defaultBranch());
                update.setNewObjectId(source.getObjectId());
                update.setExpectedOldObjectId(ObjectId.zeroId());
                RefUpdate.Result result = update.update();
                if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                    throw new GitFailure("fast-forward of " + target.defaultBranch() + " failed: " + result);
                }
                git.checkout().setName(target.defaultBranch()).setForced(true).call();
                return new Merged(source.getObjectId().name(), true);
            });
        } else {
            merged = commands.run("merge " + branch, () -> mergeInto(branch, source, before));
        }
        if (push) {
            push(branch);
        }
        return merged;
    }

    private Merged mergeInto(String branch, Ref source, ObjectId before) throws Exception {
        MergeResult ff = git.merge().include(source).setFastForward(MergeCommand.FastForwardMode.FF_ONLY)
                .setCommit(true).call();
        if (ff.getMergeStatus() == MergeResult.MergeStatus.FAST_FORWARD
                || ff.getMergeStatus() == MergeResult.MergeStatus.ALREADY_UP_TO_DATE) {
            return new Merged(head().name(), true);
        }
        MergeResult result = git.merge().include(source).setFastForward(MergeCommand.FastForwardMode.NO_FF)
                .setCommit(true).setMessage("Merge " + branch + " [agent]").call();
        if (!result.getMergeStatus().isSuccessful()) {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(before.name()).call();
            git.clean().setCleanDirectories(true).setForce(true).call();
            String paths = result.getConflicts() == null ? "" : " in " + String.join(", ", result.getConflicts().keySet());
            throw new GitFailure("merge of " + branch + " into " + target.defaultBranch() + " failed: "
                    + result.getMergeStatus() + paths);
        }
        return new Merged(head().name(), false);
    }

    private void push(String branch) {
        String remoteUrl = repo.getConfig().getString(ConfigConstants.CONFIG_REMOTE_SECTION, "origin", "url");
        if (remoteUrl == null) {
            throw new GitFailure("push: the workspace has no origin remote");
        }
        pushRef("+" + Constants.R_HEADS + branch + ":" + Constants.R_HEADS + branch, remoteUrl);
        String main = Constants.R_HEADS + target.defaultBranch();
        pushRef(main + ":" + main, remoteUrl);
    }

    private void pushRef(String spec, String remoteUrl) {
        commands.run("push " + spec, () -> {
            var push = git.push().setRemote("origin").setRefSpecs(new RefSpec(spec)).setTimeout(commands.timeoutSeconds());
            commands.credentialsFor(remoteUrl).ifPresent(push::setCredentialsProvider);
            for (PushResult result : push.call()) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    if (update.getStatus() != RemoteRefUpdate.Status.OK && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new GitFailure("push of " + update.getSrcRef() + " rejected: " + update.getStatus()
                                + (update.getMessage() == null ? "" : " (" + commands.redact(update.getMessage()) + ")"));
                    }
                }
            }
            return null;
        });
    }

    /** Checks out the default branch: the local one, else one created from {@code origin/<default>}, else unborn. */
    void checkoutDefault() {
        String name = target.defaultBranch();
        commands.run("check out " + name, () -> {
            String ref = Constants.R_HEADS + name;
            Ref local = exactRef(repo, ref);
            if (local != null) {
                if (!ref.equals(repo.getFullBranch())) {
                    git.checkout().setName(name).call();
                }
            } else if (exactRef(repo, Constants.R_REMOTES + "origin/" + name) != null) {
                git.checkout().setCreateBranch(true).setName(name).setStartPoint("origin/" + name)
                        .setUpstreamMode(CreateBranchCommand.SetupUpstreamMode.TRACK).call();
            } else if (!ref.equals(repo.getFullBranch())) {
                // neither here nor on origin (an empty remote): an unborn branch the first merge creates
                if (head() != null) {
                    emptyTheWorkingTree();
                }
                linkHead(ref);
            }
            return null;
        });
    }

    /** Discards what a failed commit left (tracked changes and untracked files), back on the default branch. */
    private void restoreDefault() {
        try {
            if (head() != null) {
                git.reset().setMode(ResetCommand.ResetType.HARD).call();
            } else {
                DirCache index = repo.lockDirCache();
                index.clear();
                index.write();
                index.commit();
            }
            git.clean().setCleanDirectories(true).setForce(true).call();
            checkoutDefault();
        } catch (Exception e) {
            throw new GitFailure("could not restore the workspace after a failure: " + commands.describe(e));
        }
    }

    /** Removes every tracked file and empties the index (leaving an unborn branch's empty state). */
    private void emptyTheWorkingTree() throws Exception {
        DirCache index = repo.lockDirCache();
        try {
            for (int i = 0; i < index.getEntryCount(); i++) {
                Files.deleteIfExists(root.resolve(index.getEntry(i).getPathString()));
            }
            index.clear();
            index.write();
            index.commit();
        } finally {
            index.unlock();
        }
        git.clean().setCleanDirectories(true).setForce(true).call();
    }

    private void linkHead(String ref) throws IOException {
        RefUpdate.Result result = repo.updateRef(Constants.HEAD).link(ref);
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
            throw new IOException("cannot point HEAD at " + ref + ": " + result);
        }
    }

    private ObjectId head() {
        try {
            return repo.resolve(Constants.HEAD);
        } catch (IOException e) {
            throw new GitFailure("cannot resolve HEAD: " + e.getMessage());
        }
    }

    private static Ref exactRef(Repository repo, String name) {
        try {
            return repo.exactRef(name);
        } catch (IOException e) {
            throw new GitFailure("cannot read " + name + ": " + e.getMessage());
        }
    }

    private static void checkBranchName(String branch) {
        if (branch == null || !Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new GitFailure("invalid branch name '" + branch + "'");
        }
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("workspace handle used outside withWorkspace");
        }
    }

    /** Names JGit gives the missing side of an added or deleted file. */
    private static final class DiffEntryNames {
        static final String DEV_NULL = "/dev/null";
    }
}
