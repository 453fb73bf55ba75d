package dev.agenthub.protocol.fakes;

import dev.agenthub.protocol.ratelimit.port.RateLimiter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.agenthub.protocol.fakes.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fakes the domain tests rely on behave as the port contracts say. */
class FakesTest {

    @Test
    void afterCommitActionsRunAfterTheOutermostWorkInOrder() {
        FakeTransactionRunner tx = new FakeTransactionRunner();
        List<String> log = new ArrayList<>();

        tx.inTransaction(() -> {
            tx.afterCommit(() -> log.add("first"));
            tx.inTransaction(() -> tx.afterCommit(() -> log.add("nested")));
            tx.afterCommit(() -> log.add("last"));
            log.add("work done");
            assertThat(tx.pendingAfterCommit()).isEqualTo(3);
        });

        assertThat(log).containsExactly("work done", "first", "nested", "last");
        assertThat(tx.commits()).isEqualTo(1);
        assertThat(tx.isActive()).isFalse();
    }

    @Test
    void aFailedSavepointDiscardsOnlyItsOwnActions() {
        FakeTransactionRunner tx = new FakeTransactionRunner();
        List<String> log = new ArrayList<>();

        tx.inTransaction(() -> {
            tx.afterCommit(() -> log.add("outer"));
            try {
                tx.inTransaction(() -> {
                    tx.afterCommit(() -> log.add("nested"));
                    throw new IllegalStateException("nested fails");
                });
            } catch (IllegalStateException expected) {
                // the enclosing work goes on
            }
        });

        assertThat(log).containsExactly("outer");
        assertThat(tx.rollbacks()).isEqualTo(1);
    }

    @Test
    void aFailedTransactionDiscardsEverythingAndRethrowsTheSameException() {
        FakeTransactionRunner tx = new FakeTransactionRunner();
        List<String> log = new ArrayList<>();
        RuntimeException failure = new RuntimeException("boom");

        assertThatThrownBy(() -> tx.inTransaction(() -> {
            tx.afterCommit(() -> log.add("never"));
            throw failure;
        })).isSameAs(failure);

        assertThat(log).isEmpty();
        assertThat(tx.isActive()).isFalse();
    }

    @Test
    void withoutATransactionAnActionRunsAtOnceAndFailingActionsDoNotStopTheOthers() {
        FakeTransactionRunner tx = new FakeTransactionRunner();
        List<String> log = new ArrayList<>();
        tx.afterCommit(() -> log.add("now"));
        assertThat(log).containsExactly("now");

        tx.inTransaction(() -> {
            tx.afterCommit(() -> {
                throw new IllegalStateException("publish failed");
            });
            tx.afterCommit(() -> log.add("still runs"));
        });

        assertThat(log).containsExactly("now", "still runs");
        assertThat(tx.actionFailures()).hasSize(1);
    }

    @Test
    void theRateLimiterCountsAFixedWindowFromTheFirstHit() {
        FakeRateLimiter limiter = new FakeRateLimiter();
        Duration minute = Duration.ofSeconds(60);

        assertThat(limiter.hit("b", 2, minute, T0).allowed()).isTrue();
        assertThat(limiter.hit("b", 2, minute, T0.plusSeconds(10)).allowed()).isTrue();
        RateLimiter.Decision third = limiter.hit("b", 2, minute, T0.plusSeconds(20));
        assertThat(third.allowed()).isFalse();
        assertThat(third.count()).isEqualTo(3);
        assertThat(third.retryAfter()).isEqualTo(Duration.ofSeconds(40));
        assertThat(limiter.hit("other", 2, minute, T0.plusSeconds(20)).allowed()).isTrue();
        assertThat(limiter.hit("b", 2, minute, T0.plusSeconds(60)).allowed()).as("a new window").isTrue();
    }

    @Test
    void sequentialIdsArePredictable() {
        SequentialIds ids = new SequentialIds();
        assertThat(ids.newId()).hasToString("00000000-0000-7000-8000-000000000001");
        assertThat(ids.newId()).isEqualTo(SequentialIds.nth(2));
    }
}
