package dev.agenthub.it.contracts;

import dev.agenthub.persistence.inprocess.InProcessSlidingWindowLimiter;
import dev.agenthub.protocol.ratelimit.port.SlidingWindowLimiter;
import dev.agenthub.testkit.ratelimit.SlidingWindowLimiterContract;

/** The single-instance sliding-window limiter; its only "other instance" is itself. */
class InProcessSlidingWindowLimiterContractTest extends SlidingWindowLimiterContract {

    private final InProcessSlidingWindowLimiter limiter = new InProcessSlidingWindowLimiter();

    @Override
    protected SlidingWindowLimiter limiter() {
        return limiter;
    }

    @Override
    protected SlidingWindowLimiter otherInstance() {
        return limiter;
    }
}
