package dev.agenthub.persistence.events;

import dev.agenthub.protocol.kernel.health.HealthProbe;

/**
 * The {@code redis} health entry when the Redis-role ports are served in-process: they live in this JVM,
 * so they are up whenever the process answers.
 */
public final class InProcessHealthProbe implements HealthProbe {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Status check() {
        return Status.ok();
    }
}
