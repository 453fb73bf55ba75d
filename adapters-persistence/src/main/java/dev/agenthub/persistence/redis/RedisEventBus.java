package dev.agenthub.persistence.redis;

import dev.agenthub.persistence.events.LocalListeners;
import dev.agenthub.protocol.kernel.events.BusMessage;
import dev.agenthub.protocol.kernel.events.EventBus;
import dev.agenthub.protocol.kernel.events.Subscription;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The distributed {@link EventBus}: Redis pub/sub. Each instance holds one subscriber connection and
 * subscribes a Redis channel while it has at least one local listener for it; Lettuce re-subscribes after
 * a reconnect. Publishing is pipelined on the shared command connection, so it never blocks the caller on
 * the network, and messages from one publisher keep their order.
 */
public final class RedisEventBus implements EventBus, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisEventBus.class);

    private final RedisBackend backend;
    private final String channelPrefix;
    private final LocalListeners listeners = new LocalListeners("agent-hub-redis-events");
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    /** Serialises local registration with the matching Redis SUBSCRIBE/UNSUBSCRIBE. */
    private final ReentrantLock subscriptionLock = new ReentrantLock();

    public RedisEventBus(RedisBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.channelPrefix = backend.key("events:");
        this.subscriber = backend.client().connectPubSub();
        this.subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String redisChannel, String payload) {
                if (redisChannel.startsWith(channelPrefix)) {
                    listeners.dispatch(new BusMessage(redisChannel.substring(channelPrefix.length()), payload));
                }
            }
        });
    }

    @Override
    public void publish(String channel, String payload) {
        EventBus.requireValidChannel(channel);
        Objects.requireNonNull(payload, "payload");
        backend.commands().async().publish(channelPrefix + channel, payload).exceptionally(error -> {
            log.warn("publish to {} failed: {}", channel, error.toString());
            return 0L;
        });
    }

    @Override
    public Subscription subscribe(String channel, Consumer<BusMessage> listener) {
        EventBus.requireValidChannel(channel);
        Objects.requireNonNull(listener, "listener");
        LocalListeners.Registration registration = new LocalListeners.Registration(channel, listener, this::unsubscribe);
        subscriptionLock.lock();
        try {
            if (listeners.add(registration)) {
                try {
                    subscriber.sync().subscribe(channelPrefix + channel);
                } catch (RuntimeException e) {
                    listeners.remove(registration);
                    throw e;
                }
            }
        } finally {
            subscriptionLock.unlock();
        }
        return registration;
    }

    private void unsubscribe(LocalListeners.Registration registration) {
        subscriptionLock.lock();
        try {
            if (listeners.remove(registration) && subscriber.isOpen()) {
                subscriber.async().unsubscribe(channelPrefix + registration.channel());
            }
        } finally {
            subscriptionLock.unlock();
        }
    }

    @Override
    public void close() {
        subscriber.close();
        listeners.close();
    }
}
