package dev.agenthub.testkit.events;

import dev.agenthub.protocol.kernel.events.BusMessage;
import dev.agenthub.protocol.kernel.events.EventBus;
import dev.agenthub.protocol.kernel.events.Subscription;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link EventBus} contract for one instance. Negative checks ("did not receive") never sleep: they
 * publish a sentinel after the message that must not arrive and rely on the bus's per-publisher order.
 */
public abstract class EventBusContract {

    /** The bus under test. May be shared by the tests of a class: every test uses channels of its own. */
    protected abstract EventBus bus();

    /** A channel name no other test uses. */
    protected static String channel(String label) {
        return "kit." + label + "." + UUID.randomUUID();
    }

    @Test
    void aSubscriberReceivesWhatIsPublishedOnItsChannel() {
        String channel = channel("basic");
        RecordingListener listener = new RecordingListener();
        try (Subscription ignored = bus().subscribe(channel, listener)) {
            bus().publish(channel, "{\"type\":\"hello\"}");
            listener.awaitPayload("{\"type\":\"hello\"}");
            assertThat(listener.received()).containsExactly(new BusMessage(channel, "{\"type\":\"hello\"}"));
        }
    }

    @Test
    void messagesOfOtherChannelsAreNotDelivered() {
        String mine = channel("mine");
        String other = channel("other");
        RecordingListener listener = new RecordingListener();
        RecordingListener otherListener = new RecordingListener();
        try (Subscription a = bus().subscribe(mine, listener); Subscription b = bus().subscribe(other, otherListener)) {
            bus().publish(other, "not-for-you");
            bus().publish(mine, "for-you");
            // a sentinel on each channel, published last: once both arrived, anything misrouted would have too
            bus().publish(other, "sentinel-other");
            bus().publish(mine, "sentinel-mine");
            listener.awaitPayload("sentinel-mine");
            otherListener.awaitPayload("sentinel-other");
            assertThat(listener.payloads()).containsExactly("for-you", "sentinel-mine");
            assertThat(otherListener.payloads()).containsExactly("not-for-you", "sentinel-other");
        }
    }

    @Test
    void everySubscriberOfAChannelReceivesEachMessageOnce() {
        String channel = channel("fanout");
        List<RecordingListener> listeners = IntStream.range(0, 3).mapToObj(i -> new RecordingListener()).toList();
        List<Subscription> subscriptions = new ArrayList<>();
        listeners.forEach(l -> subscriptions.add(bus().subscribe(channel, l)));
        try {
            bus().publish(channel, "one");
            bus().publish(channel, "two");
            listeners.forEach(l -> l.awaitPayload("two"));
            listeners.forEach(l -> assertThat(l.payloads()).containsExactly("one", "two"));
        } finally {
            subscriptions.forEach(Subscription::close);
        }
    }

    @Test
    void messagesFromOnePublisherArriveInOrder() {
        String channel = channel("order");
        RecordingListener listener = new RecordingListener();
        List<String> sent = IntStream.range(0, 500).mapToObj(i -> "m" + i).toList();
        try (Subscription ignored = bus().subscribe(channel, listener)) {
            sent.forEach(payload -> bus().publish(channel, payload));
            listener.awaitCount(sent.size());
            assertThat(listener.payloads()).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void aClosedSubscriptionReceivesNothingPublishedAfterwards() {
        String channel = channel("closed");
        RecordingListener closed = new RecordingListener();
        RecordingListener witness = new RecordingListener();
        Subscription subscription = bus().subscribe(channel, closed);
        // the witness registers after the closed subscription, so it is served after it
        try (Subscription ignored = bus().subscribe(channel, witness)) {
            bus().publish(channel, "before");
            closed.awaitPayload("before");
            subscription.close();
            subscription.close(); // idempotent
            bus().publish(channel, "after");
            bus().publish(channel, "sentinel");
            witness.awaitPayload("sentinel");
            assertThat(closed.payloads()).containsExactly("before");
        }
    }

    @Test
    void aThrowingListenerKeepsItsSubscriptionAndDoesNotDisturbOthers() {
        String channel = channel("throwing");
        RecordingListener healthy = new RecordingListener();
        List<String> seenByFailing = new ArrayList<>();
        try (Subscription a = bus().subscribe(channel, message -> {
            synchronized (seenByFailing) {
                seenByFailing.add(message.payload());
            }
            throw new IllegalStateException("listener bug");
        }); Subscription b = bus().subscribe(channel, healthy)) {
            bus().publish(channel, "first");
            bus().publish(channel, "second");
            healthy.awaitPayload("second");
            assertThat(healthy.payloads()).containsExactly("first", "second");
            synchronized (seenByFailing) {
                assertThat(seenByFailing).containsExactly("first", "second");
            }
        }
    }

    @Test
    void largeUnicodePayloadsArriveUnchanged() {
        String channel = channel("payload");
        RecordingListener listener = new RecordingListener();
        String payload = "{\"text\":\"" + "Grüße, 世界 🚀 \\\" ".repeat(70_000) + "\"}";
        assertThat(payload.length()).isGreaterThan(1_000_000);
        try (Subscription ignored = bus().subscribe(channel, listener)) {
            bus().publish(channel, payload);
            bus().publish(channel, "");
            listener.awaitCount(2);
            assertThat(listener.payloads()).containsExactly(payload, "");
        }
    }

    @Test
    void publishingWithoutSubscribersIsFine() {
        assertThatCode(() -> bus().publish(channel("nobody"), "into the void")).doesNotThrowAnyException();
    }

    @Test
    void invalidChannelNamesAreRejected() {
        assertThatThrownBy(() -> bus().publish("has space", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus().publish("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus().subscribe("x".repeat(EventBus.MAX_CHANNEL_LENGTH + 1), m -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus().subscribe("semi;colon", m -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
