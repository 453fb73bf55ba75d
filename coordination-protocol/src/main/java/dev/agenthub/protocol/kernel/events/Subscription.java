package dev.agenthub.protocol.kernel.events;

/** A live registration on the {@link EventBus}; closing it stops delivery. Idempotent. */
public interface Subscription extends AutoCloseable {

    /** Stops delivery to this subscription's listener; messages already being delivered may still arrive. */
    @Override
    void close();
}
