package dev.agenthub.persistence.events;

import dev.agenthub.protocol.kernel.events.BusMessage;
import dev.agenthub.protocol.kernel.events.EventBus;
import dev.agenthub.protocol.kernel.events.Subscription;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The single-instance {@link EventBus}: delivery within this JVM only. The default when no Redis URL is
 * configured. Each instance is independent: two hubs in one JVM do not see each other's events.
 */
public final class InProcessEventBus implements EventBus, AutoCloseable {

    private final LocalListeners dispatcher = new LocalListeners("agent-hub-events");

    @Override
    public void publish(String channel, String payload) {
        dispatcher.dispatch(new BusMessage(channel, payload));
    }

    @Override
    public Subscription subscribe(String channel, Consumer<BusMessage> listener) {
        EventBus.requireValidChannel(channel);
        Objects.requireNonNull(listener, "listener");
        LocalListeners.Registration subscription =
                new LocalListeners.Registration(channel, listener, dispatcher::remove);
        dispatcher.add(subscription);
        return subscription;
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
