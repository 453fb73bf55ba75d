package dev.agenthub.persistence.events;

import dev.agenthub.protocol.kernel.events.BusMessage;
import dev.agenthub.protocol.kernel.events.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The local half of every event bus: the listeners of this instance per channel, and one dispatch thread
 * that calls them in arrival order, so a slow or failing listener never blocks the publisher or the
 * transport's I/O thread.
 */
public final class LocalListeners implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalListeners.class);

    private final Map<String, List<Registration>> byChannel = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    public LocalListeners(String threadName) {
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Registers a listener; returns true when it is the channel's first (the transport must subscribe). */
    public boolean add(Registration subscription) {
        boolean[] first = {false};
        byChannel.compute(subscription.channel, (channel, list) -> {
            List<Registration> listeners = list == null ? new CopyOnWriteArrayList<>() : list;
            first[0] = listeners.isEmpty();
            listeners.add(subscription);
            return listeners;
        });
        return first[0];
    }

    /** Removes a listener; returns true when the channel has none left (the transport may unsubscribe). */
    public boolean remove(Registration subscription) {
        boolean[] last = {false};
        byChannel.computeIfPresent(subscription.channel, (channel, listeners) -> {
            listeners.remove(subscription);
            last[0] = listeners.isEmpty();
            return listeners.isEmpty() ? null : listeners;
        });
        return last[0];
    }


    /** Queues delivery of {@code message} to the channel's current listeners. */
    public void dispatch(BusMessage message) {
        List<Registration> listeners = byChannel.get(message.channel());
        if (listeners == null || listeners.isEmpty()) {
            return;
        }
        List<Registration> snapshot = List.copyOf(listeners);
        try {
            executor.execute(() -> snapshot.forEach(subscription -> subscription.deliver(message)));
        } catch (RejectedExecutionException e) {
            log.debug("event bus closed; dropped a message on {}", message.channel());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** One listener's registration; inactive once closed, so queued messages are no longer delivered. */
    public static final class Registration implements Subscription {
        private final String channel;
        private final Consumer<BusMessage> listener;
        private final Consumer<Registration> onClose;
        private volatile boolean active = true;

        public Registration(String channel, Consumer<BusMessage> listener, Consumer<Registration> onClose) {
            this.channel = channel;
            this.listener = listener;
            this.onClose = onClose;
        }

        public String channel() {
            return channel;
        }

        private void deliver(BusMessage message) {
            if (!active) {
                return;
            }
            try {
                listener.accept(message);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                log.error("event listener on {} failed", channel, e);
            }
        }

        @Override
        public void close() {
            if (active) {
                active = false;
                onClose.accept(this);
            }
        }
    }
}
