package dev.agenthub.orchestration.validation;

import dev.agenthub.orchestration.validation.port.CommandRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationTest {

    private static final Path ROOT = Path.of("/work/space");

    /** Records its calls and answers with a fixed outcome. */
    static final class FakeRunner implements CommandRunner {
        final List<String> calls = new ArrayList<>();
        private final Outcome outcome;

        FakeRunner(Outcome outcome) {
            this.outcome = outcome;
        }

        @Override
        public Outcome run(String command, Path directory, Duration timeout) {
            calls.add(command + " @ " + directory + " / " + timeout.toSeconds());
            return outcome;
        }
    }

    @Test
    void exitZeroPassesAndRunsInTheWorkspaceRoot() {
        FakeRunner runner = new FakeRunner(new CommandRunner.Outcome(0, "ok", false));
        Validation.Result result = new Validation(Optional.of(" pytest -q "), false, Duration.ofSeconds(600), runner)
                .validate(ROOT);
        assertThat(result).isEqualTo(new Validation.Result(true, "Validation command succeeded: `pytest -q`."));
        assertThat(runner.calls).containsExactly("pytest -q @ /work/space / 600");
    }

    @Test
    void failureReportsTheLast1200Characters() {
        String output = "HEAD" + "x".repeat(2000) + "y".repeat(1199) + "Z";
        Validation.Result result = new Validation(Optional.of("make test"), true, Duration.ofSeconds(5),
                new FakeRunner(new CommandRunner.Outcome(2, output, false))).validate(ROOT);
        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).isEqualTo("Validation command failed: `make test`. Output tail:\n"
                + "y".repeat(1199) + "Z");
    }

    @Test
    void shortOutputIsKeptWhole() {
        Validation.Result result = new Validation(Optional.of("false"), false, Duration.ofSeconds(5),
                new FakeRunner(new CommandRunner.Outcome(1, "boom\n", false))).validate(ROOT);
        assertThat(result).isEqualTo(new Validation.Result(false, "Validation command failed: `false`. Output tail:\nboom\n"));
    }

    @Test
    void aTimeoutFailsAndSaysSo() {
        Validation.Result result = new Validation(Optional.of("sleep 99"), false, Duration.ofSeconds(3),
                new FakeRunner(new CommandRunner.Outcome(-1, "partial", true))).validate(ROOT);
        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).startsWith("Validation command failed: `sleep 99`. Output tail:\npartial")
                .endsWith("[timed out after 3 s]");
    }

    @Test
    void exitZeroAfterATimeoutStillFails() {
        Validation.Result result = new Validation(Optional.of("x"), false, Duration.ofSeconds(3),
                new FakeRunner(new CommandRunner.Outcome(0, "", true))).validate(ROOT);
        assertThat(result.passed()).isFalse();
    }

    @Test
    void unsetPassesByDefaultAndFailsWhenRequired() {
        FakeRunner runner = new FakeRunner(new CommandRunner.Outcome(0, "", false));
        assertThat(new Validation(Optional.empty(), false, Duration.ofSeconds(1), runner).validate(ROOT))
                .isEqualTo(new Validation.Result(true, "No AGENT_HUB_TEST_CMD configured; marked pass by default."));
        assertThat(new Validation(Optional.of("   "), true, Duration.ofSeconds(1), runner).validate(ROOT))
                .isEqualTo(new Validation.Result(false, "Validation is required but AGENT_HUB_TEST_CMD is unset."));
        assertThat(runner.calls).isEmpty();
    }

    @Test
    void theTimeoutMustBePositive() {
        FakeRunner runner = new FakeRunner(new CommandRunner.Outcome(0, "", false));
        assertThatThrownBy(() -> new Validation(Optional.empty(), false, Duration.ZERO, runner))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
