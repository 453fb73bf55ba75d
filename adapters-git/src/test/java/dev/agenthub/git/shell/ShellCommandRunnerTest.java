package dev.agenthub.git.shell;

import dev.agenthub.orchestration.validation.port.CommandRunner.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ShellCommandRunnerTest {

    private static final Duration MINUTE = Duration.ofSeconds(60);

    private final ShellCommandRunner runner = new ShellCommandRunner();

    @Test
    void exitZeroPassesWithTheMergedOutput(@TempDir Path dir) {
        Outcome outcome = runner.run("echo out; echo err >&2", dir, MINUTE);
        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.output()).contains("out\n").contains("err\n");
    }

    @Test
    void aFailingCommandReportsItsExitCodeAndOutput(@TempDir Path dir) {
        Outcome outcome = runner.run("echo 'assertion failed' >&2; exit 3", dir, MINUTE);
        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.output()).isEqualTo("assertion failed\n");
    }

    @Test
    void hugeOutputKeepsOnlyTheTail(@TempDir Path dir) {
        ShellCommandRunner small = new ShellCommandRunner(ShellCommandRunner.CREDENTIALS, 8192);
        // about 5 MB of lines, then a marker
        Outcome outcome = small.run("i=0; while [ $i -lt 100 ]; do head -c 50000 /dev/zero | tr '\\0' 'a'; i=$((i+1)); done;"
                + " echo; echo THE-END", dir, MINUTE);
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output()).hasSize(8192).endsWith("a\nTHE-END\n").startsWith("aaaa");
    }

    @Test
    void theWorkingDirectoryIsHonoured(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("marker.txt"), "here");
        Outcome outcome = runner.run("pwd; cat marker.txt", dir, MINUTE);
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output()).isEqualTo(dir.toRealPath() + "\nhere");
    }

    @Test
    void aTimeoutKillsTheWholeTree(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Outcome outcome = runner.run("echo started; sleep 300 & echo $! > child.pid; wait; echo never", dir,
                Duration.ofSeconds(2));
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.exitCode()).isEqualTo(-1);
        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.output()).contains("started").doesNotContain("never");
        long childPid = Long.parseLong(Files.readString(pidFile).strip());
        Optional<ProcessHandle> child = ProcessHandle.of(childPid);
        if (child.isPresent()) { // killed, maybe not yet reaped: wait for it to go
            child.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void aCommandThatCannotStartIsExitMinusOne(@TempDir Path dir) {
        Outcome outcome = runner.run("true", dir.resolve("missing-directory"), MINUTE);
        assertThat(outcome.exitCode()).isEqualTo(-1);
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.output()).startsWith("Could not start the command");
    }

    @Test
    void credentialsAreWithheldFromTheCommand(@TempDir Path dir) {
        assertThat(ShellCommandRunner.CREDENTIALS).accepts("OPENAI_API_KEY", "github_token", "AGENT_HUB_JWT_SECRET",
                "AGENT_HUB_DATABASE_URL").rejects("PATH", "HOME", "AGENT_HUB_TEST_CMD");
        Outcome outcome = new ShellCommandRunner(name -> name.equals("HOME"), 8192)
                .run("echo \"home=[$HOME] path=[${PATH:+set}]\"", dir, MINUTE);
        assertThat(outcome.output()).isEqualTo("home=[] path=[set]\n");
    }

    @Test
    void stdinIsClosed(@TempDir Path dir) {
        Outcome outcome = runner.run("cat; echo done", dir, Duration.ofSeconds(30));
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.output()).isEqualTo("done\n");
    }

    @Test
    void tailBufferKeepsTheLastBytesInOrder() {
        TailBuffer buffer = new TailBuffer(5);
        buffer.write("abc".getBytes(), 0, 3);
        assertThat(buffer.text()).isEqualTo("abc");
        buffer.write("defg".getBytes(), 0, 4);
        assertThat(buffer.text()).isEqualTo("cdefg");
        buffer.write("0123456789".getBytes(), 2, 7);
        assertThat(buffer.text()).isEqualTo("45678");
        assertThat(buffer.written()).isEqualTo(14);
    }
}
