package dev.agenthub.testkit.events;

import dev.agenthub.protocol.kernel.events.BusMessage;
import dev.agenthub.testkit.Eventually;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A listener that records what it receives, for the event-bus suites. Thread-safe. */
public final class RecordingListener implements Consumer<BusMessage> {

    private final List<BusMessage> received = new ArrayList<>();

    @Override
    public synchronized void accept(BusMessage message) {
        received.add(message);
    }

    public synchronized List<BusMessage> received() {
        return List.copyOf(received);
    }

    public synchronized List<String> payloads() {
        return received.stream().map(BusMessage::payload).toList();
    }

    /** Waits until a message with {@code payload} has arrived. */
    public void awaitPayload(String payload) {
        Eventually.await("payload " + abbreviate(payload), () -> payloads().contains(payload));
    }

    /** Waits until at least {@code count} messages have arrived. */
    public void awaitCount(int count) {
        Eventually.await(count + " messages", () -> received().size() >= count);
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
