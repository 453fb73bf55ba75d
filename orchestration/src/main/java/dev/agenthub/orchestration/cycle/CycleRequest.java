package dev.agenthub.orchestration.cycle;

import dev.agenthub.orchestration.providers.port.ChangeProvider;

import java.util.Objects;
import java.util.Optional;

/**
 * One cycle to run (wire spec agenthub §6.3).
 *
 * @param claimant who claims the items (§14 D1): {@code sync:<request id>} for the synchronous run, the job id for a
 *                 job
 * @param job      present for a job: checked before each claim (§14 D2)
 */
public record CycleRequest(long projectId, int maxItems, ChangeProvider provider, String claimant,
                           Optional<JobControl> job) {

    public CycleRequest {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(job, "job");
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be at least 1: " + maxItems);
        }
    }

    /** The claimant of a synchronous run: {@code sync:<request id>}. */
    public static String syncClaimant(String requestId) {
        return "sync:" + requestId;
    }

    /** What a job worker lets the cycle see of its job. */
    public interface JobControl {
        long jobId();

        /** Whether the job was canceled meanwhile (re-read before each claim). */
        boolean canceled();
    }
}
