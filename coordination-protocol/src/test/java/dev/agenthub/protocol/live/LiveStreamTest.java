package dev.agenthub.protocol.live;

import dev.agenthub.protocol.kernel.events.BusMessage;
import dev.agenthub.protocol.kernel.id.AgentId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LiveStreamTest {

    private static final AgentId ALICE = new AgentId(UUID.fromString("00000000-0000-7000-8000-00000000000a"));

    private static BusMessage bus(String event, AgentId actor, String subject, String data) {
        return new BusMessage("chat.x", new LiveEvent(event, actor, subject, data).encode());
    }

    @Test
    void theEnvelopeRoundTripsAndForeignPayloadsAreIgnored() {
        LiveEvent event = new LiveEvent("read_receipt", ALICE, null, "{\"a\":\"é\"}");
        assertThat(LiveEvent.decode(event.encode())).contains(event);
        LiveEvent anonymous = new LiveEvent("message", null, "m-1", "{}");
        assertThat(LiveEvent.decode(anonymous.encode())).contains(anonymous);
        assertThat(LiveEvent.decode("{\"json\":true}")).isEmpty();
        assertThat(LiveEvent.decode("message not-a-uuid -\n{}")).isEmpty();
        assertThat(LiveEvent.decode("two words\n{}")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> new LiveEvent("message", null, null, "{\n}"));
        assertThatIllegalArgumentException().isThrownBy(() -> new LiveEvent("two words", null, null, "{}"));
    }

    @Test
    void replayComesFirstAndLiveCopiesOfReplayedMessagesAreDropped() throws InterruptedException {
        LiveStream stream = new LiveStream(event -> !event.event().equals("ignored"));
        stream.deliver(bus("message", ALICE, "m-1", "{\"live\":1}")); // arrived while the replay was read
        stream.deliver(bus("ignored", ALICE, "m-9", "{}"));
        stream.deliver(bus("message", ALICE, "m-2", "{\"live\":2}"));
        stream.replay(new StreamFrame("message", "{\"replayed\":1}"), "m-1");

        assertThat(stream.takeReplay()).containsExactly(new StreamFrame("message", "{\"replayed\":1}"));
        assertThat(stream.takeReplay()).isEmpty();
        assertThat(stream.next(Duration.ZERO)).as("m-1 was replayed").isEmpty();
        assertThat(stream.next(Duration.ZERO)).contains(new StreamFrame("message", "{\"live\":2}"));
        assertThat(stream.next(Duration.ofMillis(1))).as("the filtered event never queues").isEmpty();
    }

    @Test
    void aConsumerTooFarBehindOverflowsTheStream() {
        LiveStream stream = new LiveStream(event -> true);
        for (int i = 0; i < LiveStream.MAX_QUEUED; i++) {
            stream.deliver(bus("message", null, "m" + i, "{}"));
        }
        assertThat(stream.overflowed()).isFalse();
        stream.deliver(bus("message", null, "one-more", "{}"));
        assertThat(stream.overflowed()).isTrue();
    }

    @Test
    void closingEndsSubscriptionsAndRunsCloseActionsOnce() {
        LiveStream stream = new LiveStream(event -> true);
        List<String> calls = new ArrayList<>();
        stream.subscribed(() -> calls.add("unsubscribed"));
        stream.onClose(() -> calls.add("left"));
        stream.onRefresh(() -> calls.add("refreshed"));
        stream.refresh();
        stream.close();
        stream.close();
        assertThat(calls).containsExactly("refreshed", "unsubscribed", "left");
    }

    @Test
    void wakeStreamsAreCappedAt300SecondsAndPastDeadlinesAreZero() {
        Instant now = Instant.parse("2026-02-07T11:14:49Z");
        assertThat(LiveStreams.wakeStreamLength(now, now.plusSeconds(3600))).isEqualTo(Duration.ofSeconds(300));
        assertThat(LiveStreams.wakeStreamLength(now, now.plusSeconds(120))).isEqualTo(Duration.ofSeconds(120));
        assertThat(LiveStreams.wakeStreamLength(now, now.minusSeconds(1))).isZero();
        assertThat(LiveStreams.untilDeadline(now, now.plusSeconds(3600))).as("chat streams are not capped").isEqualTo(Duration.ofHours(1));
    }
}
