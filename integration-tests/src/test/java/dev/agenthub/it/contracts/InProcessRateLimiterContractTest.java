package dev.agenthub.it.contracts;

import dev.agenthub.persistence.inprocess.InProcessRateLimiter;
import dev.agenthub.protocol.ratelimit.port.RateLimiter;
import dev.agenthub.testkit.ratelimit.RateLimiterContract;

/** The single-instance rate limiter; its only "other instance" is itself. */
class InProcessRateLimiterContractTest extends RateLimiterContract {

    private final InProcessRateLimiter limiter = new InProcessRateLimiter();

    @Override
    protected RateLimiter limiter() {
        return limiter;
    }

    @Override
    protected RateLimiter otherInstance() {
        return limiter;
    }
}
