package dev.agenthub.git.shell;

import dev.agenthub.orchestration.validation.port.CommandRunner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@link CommandRunner} over {@code sh -c} (wire spec agenthub §6.3 step 7): the command runs in the given
 * directory with stdin closed and stdout and stderr merged into one pipe, of which only the last
 * {@value #DEFAULT_TAIL_BYTES} bytes are kept in memory. When the timeout passes, the whole process tree (every
 * descendant, then the shell) is killed and the outcome is exit -1, timed out; a command that cannot start gives
 * exit -1 with the reason as its output.
 *
 * <p>The child inherits the hub's environment except the variables {@code withheld} matches: by default every name
 * containing {@code KEY}, {@code TOKEN}, {@code SECRET}, {@code PASSWORD} or {@code CREDENTIAL}, and the database
 * and Redis URLs, so generated code under test never sees the hub's credentials.
 *
 * <p>This package is the only place of adapters-git that starts processes. Safe for concurrent use.
 */
public final class ShellCommandRunner implements CommandRunner {

    public static final int DEFAULT_TAIL_BYTES = 64 * 1024;
    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|DATABASE_URL|REDIS_URL).*");
    /** The default filter: credentials and connection URLs are not passed to the command. */
    public static final Predicate<String> CREDENTIALS =
            name -> SECRET_NAME.matcher(name.toUpperCase(Locale.ROOT)).matches();
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

    private final Predicate<String> withheld;
    private final int tailBytes;

    /** Withholds {@link #CREDENTIALS} and keeps {@value #DEFAULT_TAIL_BYTES} bytes of output. */
    public ShellCommandRunner() {
        this(CREDENTIALS, DEFAULT_TAIL_BYTES);
    }

    /**
     * @param withheld  the environment variable names not passed to the command
     * @param tailBytes how many bytes of output are kept (at least 4,800: 1,200 characters of four bytes)
     */
    public ShellCommandRunner(Predicate<String> withheld, int tailBytes) {
        this.withheld = Objects.requireNonNull(withheld, "withheld");
        if (tailBytes < 4800) {
            throw new IllegalArgumentException("tailBytes must be at least 4800");
        }
        this.tailBytes = tailBytes;
    }

    @Override
    public Outcome run(String command, Path directory, Duration timeout) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(timeout, "timeout");
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().keySet().removeIf(withheld);
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            return new Outcome(-1, "Could not start the command: " + e.getMessage(), false);
        }
        TailBuffer tail = new TailBuffer(tailBytes);
        Thread drain = Thread.ofVirtual().name("validation-output").start(() -> drain(process.getInputStream(), tail));
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                killTree(process);
                drain.join(DRAIN_GRACE);
                return new Outcome(-1, tail.text(), true);
            }
            drain.join(DRAIN_GRACE); // a background child that keeps the pipe open does not hold us up
            return new Outcome(process.exitValue(), tail.text(), false);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return new Outcome(-1, tail.text() + "\n[interrupted]", false);
        }
    }

    private static void drain(InputStream output, TailBuffer tail) {
        byte[] chunk = new byte[8192];
        try (output) {
            int read;
            while ((read = output.read(chunk)) != -1) {
                tail.write(chunk, 0, read);
            }
        } catch (IOException e) {
            // the pipe closed under us (the process was killed): keep what was read
        }
    }

    /**
     * Kills the shell first (so it starts nothing more), then every process that was below it, each after its own
     * current descendants; then waits for the shell.
     */
    private static void killTree(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        for (ProcessHandle handle : tree) {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
        }
        try {
            process.waitFor(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
