package dev.agenthub.orchestration.validation.port;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Port: runs the configured validation command ({@code AGENT_HUB_TEST_CMD}, wire spec agenthub §6.3 step 7) through
 * the shell in a workspace. This is the only process the product starts; git never runs as a process.
 */
public interface CommandRunner {

    /**
     * Runs {@code command} with {@code sh -c} in {@code directory}, stdout and stderr merged, and waits at most
     * {@code timeout}; a command still running then is killed (with its children) and reported as timed out.
     * Never throws for the command's own failure.
     */
    Outcome run(String command, Path directory, Duration timeout);

    /**
     * @param exitCode the exit status, or -1 when it timed out or could not start
     * @param output   the merged output (implementations may keep only a bounded tail, at least 1,200 characters)
     */
    record Outcome(int exitCode, String output, boolean timedOut) {
        public boolean passed() {
            return exitCode == 0 && !timedOut;
        }
    }
}
