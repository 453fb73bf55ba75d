package dev.agenthub.server;

import dev.agenthub.git.shell.ShellCommandRunner;
import dev.agenthub.orchestration.validation.Validation;
import dev.agenthub.orchestration.validation.port.CommandRunner;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The validation settings (wire spec agenthub §6.3 step 7, §12).
 *
 * @param testCommand {@code AGENT_HUB_TEST_CMD}: the shell command run in the workspace, empty when unset
 * @param required    {@code AGENT_HUB_REQUIRE_TEST_CMD}: an unset command fails validation (default off)
 * @param timeout     {@code AGENT_HUB_TEST_CMD_TIMEOUT_SEC} (ours; default 600, 1..86400)
 */
public record ValidationSettings(Optional<String> testCommand, boolean required, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);

    public ValidationSettings {
        Objects.requireNonNull(testCommand, "testCommand");
        Objects.requireNonNull(timeout, "timeout");
    }

    public static ValidationSettings defaults() {
        return new ValidationSettings(Optional.empty(), false, DEFAULT_TIMEOUT);
    }

    /** The validation step running the command through {@code runner}. */
    public Validation validation(CommandRunner runner) {
        return new Validation(testCommand, required, timeout, runner);
    }

    /** The validation step running the command through {@code sh -c} ({@link ShellCommandRunner}). */
    public Validation validation() {
        return validation(new ShellCommandRunner());
    }
}
