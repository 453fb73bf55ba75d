package dev.agenthub.testkit.events;

import dev.agenthub.protocol.kernel.events.EventBus;
import dev.agenthub.protocol.kernel.events.Subscription;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link EventBus} contract for buses shared by several hub instances: everything of
 * {@link EventBusContract}, plus delivery across instances.
 */
public abstract class DistributedEventBusContract extends EventBusContract {

    /** A second bus instance sharing the first one's backend, as another hub instance would. */
    protected abstract EventBus otherInstance();

    @Test
    void aMessagePublishedOnOneInstanceReachesSubscribersOnBoth() {
        String channel = channel("cross");
        RecordingListener here = new RecordingListener();
        RecordingListener there = new RecordingListener();
        try (Subscription a = bus().subscribe(channel, here); Subscription b = otherInstance().subscribe(channel, there)) {
            bus().publish(channel, "from-first");
            otherInstance().publish(channel, "from-second");
            here.awaitCount(2);
            there.awaitCount(2);
            assertThat(here.payloads()).containsExactlyInAnyOrder("from-first", "from-second");
            assertThat(there.payloads()).containsExactlyInAnyOrder("from-first", "from-second");
        }
    }

    @Test
    void closingOnOneInstanceDoesNotAffectTheOther() {
        String channel = channel("independent");
        RecordingListener here = new RecordingListener();
        RecordingListener witnessHere = new RecordingListener();
        RecordingListener there = new RecordingListener();
        Subscription a = bus().subscribe(channel, here);
        try (Subscription b = otherInstance().subscribe(channel, there);
             Subscription w = bus().subscribe(channel, witnessHere)) {
            a.close();
            bus().publish(channel, "after-close");
            there.awaitPayload("after-close");
            witnessHere.awaitPayload("after-close");
            assertThat(here.payloads()).isEmpty();
        }
    }
}
