package dev.agenthub.orchestration.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored forms of a job's results and errors (wire spec agenthub §8). */
class JobCountersTest {

    @Test
    void mergedIdsAreWrittenAsPythonsJsonDumps() {
        assertThat(JobCounters.NONE.mergedPrIdsJson()).isEqualTo("[]");
        assertThat(new JobCounters(1, List.of(3L)).mergedPrIdsJson()).isEqualTo("[3]");
        JobCounters counters = new JobCounters(3, List.of(3L, 4L));
        assertThat(counters.mergedPrIdsJson()).isEqualTo("[3, 4]");
        assertThat(counters.processedItems()).isEqualTo(3);
        assertThat(counters.mergedPrs()).isEqualTo(2);
    }

    @Test
    void errorMessagesAreCutAt3000CharactersAndNeverBlank() {
        assertThat(JobWorker.errorMessage(new IllegalStateException((String) null))).isEqualTo("Job execution failed");
        assertThat(JobWorker.errorMessage(new IllegalStateException("  "))).isEqualTo("Job execution failed");
        assertThat(JobWorker.errorMessage(new IllegalStateException("x".repeat(5000)))).hasSize(3000);
        assertThat(JobWorker.errorMessage(new IllegalStateException("boom"))).isEqualTo("boom");
    }
}
