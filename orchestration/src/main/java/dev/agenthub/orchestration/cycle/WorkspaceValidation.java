package dev.agenthub.orchestration.cycle;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The validation step of a cycle (wire spec agenthub §6.3 step 7), run in the workspace with the item's branch checked
 * out. The host supplies it from the configured command ({@code AGENT_HUB_TEST_CMD}, {@code AGENT_HUB_REQUIRE_TEST_CMD}).
 */
@FunctionalInterface
public interface WorkspaceValidation {

    /** Validates the checked-out tree under {@code root}; never throws for the command's own failure. */
    Result validate(Path root);

    /** Whether it passed, and the summary text of §6.3 step 7. */
    record Result(boolean passed, String summary) {
        public Result {
            Objects.requireNonNull(summary, "summary");
        }
    }
}
