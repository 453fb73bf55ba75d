package dev.agenthub.orchestration.validation;

import dev.agenthub.orchestration.validation.port.CommandRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The validation step of a cycle (wire spec agenthub §6.3 step 7).
 *
 * <ul>
 *   <li>With a command ({@code AGENT_HUB_TEST_CMD}) it runs through the {@link CommandRunner} in the workspace root;
 *       exit 0 passes with {@code Validation command succeeded: `<cmd>`.}, anything else (a timeout or a failure
 *       to start included) fails with {@code Validation command failed: `<cmd>`. Output tail:\n<tail>}, the tail
 *       being the last 1,200 characters of the merged output.</li>
 *   <li>Without one it passes with {@code No AGENT_HUB_TEST_CMD configured; marked pass by default.}, unless a
 *       command is required ({@code AGENT_HUB_REQUIRE_TEST_CMD}): it then fails with
 *       {@code Validation is required but AGENT_HUB_TEST_CMD is unset.}</li>
 * </ul>
 */
public final class Validation {

    public static final int OUTPUT_TAIL_CHARS = 1200;
    static final String UNSET_PASS = "No AGENT_HUB_TEST_CMD configured; marked pass by default.";
    static final String UNSET_REQUIRED = "Validation is required but AGENT_HUB_TEST_CMD is unset.";

    private final Optional<String> command;
    private final boolean required;
    private final Duration timeout;
    private final CommandRunner runner;

    /**
     * @param command  the command, empty (or blank) when unset
     * @param required whether a missing command fails validation
     * @param timeout  how long the command may run ({@code AGENT_HUB_TEST_CMD_TIMEOUT_SEC})
     * @param runner   runs the command
     */
    public Validation(Optional<String> command, boolean required, Duration timeout, CommandRunner runner) {
        this.command = command.map(String::strip).filter(text -> !text.isEmpty());
        this.required = required;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** Validates the workspace at {@code root}. Never throws for the command's failure. */
    public Result validate(Path root) {
        if (command.isEmpty()) {
            return required ? new Result(false, UNSET_REQUIRED) : new Result(true, UNSET_PASS);
        }
        String cmd = command.get();
        CommandRunner.Outcome outcome = runner.run(cmd, root, timeout);
        if (outcome.passed()) {
            return new Result(true, "Validation command succeeded: `" + cmd + "`.");
        }
        String output = outcome.output() == null ? "" : outcome.output();
        if (outcome.timedOut()) {
            output = output + "\n[timed out after " + timeout.toSeconds() + " s]";
        }
        String tail = output.length() > OUTPUT_TAIL_CHARS ? output.substring(output.length() - OUTPUT_TAIL_CHARS) : output;
        return new Result(false, "Validation command failed: `" + cmd + "`. Output tail:\n" + tail);
    }

    /** The outcome of validation: whether the checks passed, and the summary recorded with the run. */
    public record Result(boolean passed, String summary) {
        public Result {
            Objects.requireNonNull(summary, "summary");
        }
    }
}
