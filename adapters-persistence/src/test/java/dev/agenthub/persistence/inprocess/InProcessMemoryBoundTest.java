package dev.agenthub.persistence.inprocess;

import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-process adapters forget what expired without a timer: writes sweep it out, so what they hold stays
 * proportional to what is live, however many ids or buckets pass through. (Their behaviour is covered by the
 * contract suites in integration-tests.)
 */
class InProcessMemoryBoundTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void expiredPresenceRecordsAreSweptByLaterWrites() {
        InProcessPresenceIndex index = new InProcessPresenceIndex();
        ProjectId project = new ProjectId(UUID.randomUUID());
        Instant now = T0;
        long mostHeld = 0;
        for (int i = 0; i < 20_000; i++) {
            // each record lives 10 s and a write comes every second: about 10 are live at any time
            PresenceKind kind = i % 2 == 0 ? PresenceKind.WORKSPACE : PresenceKind.AGENT;
            index.put(kind, new PresenceRecord(UUID.randomUUID(), project, "alias-" + i, "active", now, null),
                    Duration.ofSeconds(10), now);
            now = now.plusSeconds(1);
            mostHeld = Math.max(mostHeld, index.heldRecords());
        }
        assertThat(mostHeld).isLessThanOrEqualTo(2L * InProcessPresenceIndex.MIN_WRITES_BETWEEN_SWEEPS + 10);
        assertThat(index.listProject(PresenceKind.WORKSPACE, project, now.minusSeconds(1))).hasSize(5);
    }

    @Test
    void endedRateLimitWindowsAreSweptByLaterHits() {
        InProcessRateLimiter limiter = new InProcessRateLimiter();
        Instant now = T0;
        int mostHeld = 0;
        for (int i = 0; i < 20_000; i++) {
            // every hit is on a new bucket with a 10 s window, one hit a second
            limiter.hit("client-" + i, 5, Duration.ofSeconds(10), now);
            now = now.plusSeconds(1);
            mostHeld = Math.max(mostHeld, limiter.heldBuckets());
        }
        assertThat(mostHeld).isLessThanOrEqualTo(2 * InProcessRateLimiter.MIN_HITS_BETWEEN_SWEEPS + 10);
    }

    @Test
    void theSlidingWindowLimiterDropsIdleKeys() {
        InProcessSlidingWindowLimiter limiter = new InProcessSlidingWindowLimiter();
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        int mostHeld = 0;
        for (int i = 0; i < 20_000; i++) {
            // every hit is on a new key with a 10 s window, one hit a second
            limiter.hit("client-" + i, 5, Duration.ofSeconds(10), now);
            now = now.plusSeconds(1);
            mostHeld = Math.max(mostHeld, limiter.heldKeys());
        }
        assertThat(mostHeld).isLessThanOrEqualTo(2 * InProcessSlidingWindowLimiter.MIN_HITS_BETWEEN_SWEEPS + 10);
    }
}
