package dev.agenthub.protocol.kernel.events;

import java.util.function.Consumer;

/**
 * Port: fan-out of live events to subscribers on every hub instance that shares the bus (Redis pub/sub
 * in distributed mode, in-process for a single instance). It is a notification channel, not a store:
 * what must not be lost is written to the database first, and the event only tells listeners to look.
 *
 * <p>Contract (verified by {@code EventBusContract} in the test kit):
 * <ul>
 *   <li>{@link #publish} never blocks on subscribers and never throws because a subscriber failed.
 *       Delivery is asynchronous and at most once: a subscriber that is not registered when a message is
 *       published does not receive it, and a message may be lost if the transport is down.</li>
 *   <li>Every subscription on a channel receives every message published to that channel after the
 *       subscription became active (the {@code subscribe} call returned), on every instance sharing the
 *       bus; no subscription receives messages of other channels.</li>
 *   <li>Messages published by one thread to one channel reach each subscription in publication order.</li>
 *   <li>Listeners are called on a bus-owned thread, one message at a time per bus; they must return
 *       quickly (hand off long work). A listener that throws is logged and keeps its subscription; other
 *       listeners are unaffected.</li>
 *   <li>After {@link Subscription#close()} returns, the listener receives no further messages published
 *       afterwards.</li>
 *   <li>Payloads are delivered unchanged: any Unicode text up to at least 1 MiB.</li>
 * </ul>
 */
public interface EventBus {

    /** Maximum channel-name length. */
    int MAX_CHANNEL_LENGTH = 200;

    /**
     * Publishes {@code payload} to every subscription of {@code channel}.
     *
     * @throws IllegalArgumentException when the channel name is invalid (see {@link #requireValidChannel})
     */
    void publish(String channel, String payload);

    /**
     * Registers {@code listener} for messages on {@code channel}. The subscription is active, on every
     * instance sharing the bus, once this method returns.
     *
     * @throws IllegalArgumentException when the channel name is invalid
     */
    Subscription subscribe(String channel, Consumer<BusMessage> listener);

    /**
     * A channel name is 1..{@value #MAX_CHANNEL_LENGTH} characters of letters, digits and {@code . : _ -},
     * e.g. {@code project.3f1c….status}.
     */
    static String requireValidChannel(String channel) {
        if (channel == null || channel.isEmpty() || channel.length() > MAX_CHANNEL_LENGTH) {
            throw new IllegalArgumentException("channel must be 1.." + MAX_CHANNEL_LENGTH + " characters");
        }
        for (int i = 0; i < channel.length(); i++) {
            char c = channel.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == ':' || c == '_' || c == '-';
            if (!ok) {
                throw new IllegalArgumentException("channel has an invalid character: '" + c + "'");
            }
        }
        return channel;
    }
}
