package dev.agenthub.persistence.redis;

import dev.agenthub.protocol.kernel.health.HealthProbe;

import java.util.concurrent.TimeUnit;

/** Checks Redis with {@code PING}, answering within 2 s. Reported as {@code redis}. */
public final class RedisHealthProbe implements HealthProbe {

    private final RedisBackend backend;

    public RedisHealthProbe(RedisBackend backend) {
        this.backend = backend;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Status check() {
        try {
            String answer = backend.commands().async().ping().get(2, TimeUnit.SECONDS);
            return "PONG".equals(answer) ? Status.ok() : Status.down("unexpected PING answer: " + answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.down("interrupted");
        } catch (Exception e) {
            return Status.down(e.getCause() != null ? e.getCause().toString() : e.toString());
        }
    }
}
