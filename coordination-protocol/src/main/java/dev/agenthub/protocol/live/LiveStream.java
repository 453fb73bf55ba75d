package dev.agenthub.protocol.live;

import dev.agenthub.protocol.kernel.events.BusMessage;
import dev.agenthub.protocol.kernel.events.Subscription;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * One open stream: first the frames read from the stores when it opened (the replay or sweep), then the live
 * events its bus subscriptions deliver, minus the ones the replay already carried. The subscriptions are made
 * before the replay is read, so a message committed around the opening is emitted exactly once.
 *
 * <p>A stream may also have a poll (the wake stream's {@code work_available}, §13.3), which its consumer runs
 * every {@link #pollInterval()}.
 *
 * <p>The stream holds no thread: bus listeners only enqueue. The one consumer calls {@link #next}, which
 * parks it (a virtual thread, in the server) until a frame arrives or the wait ends. A consumer that falls
 * more than {@value #MAX_QUEUED} events behind makes the stream {@linkplain #overflowed() overflow}; it
 * should end the stream, and the client reconnects and replays.
 */
public final class LiveStream implements AutoCloseable {

    /** Live events buffered for a slow consumer before the stream overflows. */
    public static final int MAX_QUEUED = 1024;

    private final Predicate<LiveEvent> wanted;
    private final BlockingQueue<LiveEvent> live = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final Deque<StreamFrame> replay = new ArrayDeque<>();
    private final Set<String> replayedSubjects = new HashSet<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<Runnable> onClose = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean overflowed;
    private Runnable refresh = () -> { };
    private Duration pollEvery;
    private java.util.function.Supplier<List<StreamFrame>> poller = List::of;

    LiveStream(Predicate<LiveEvent> wanted) {
        this.wanted = Objects.requireNonNull(wanted, "wanted");
    }

    /** The bus listener of this stream's subscriptions. */
    void deliver(BusMessage message) {
        LiveEvent.decode(message.payload()).filter(wanted).ifPresent(event -> {
            if (!live.offer(event)) {
                overflowed = true;
            }
        });
    }

    void subscribed(Subscription subscription) {
        subscriptions.add(subscription);
    }

    void replay(StreamFrame frame, String subject) {
        replay.add(frame);
        if (subject != null) {
            replayedSubjects.add(subject);
        }
    }

    void onRefresh(Runnable action) {
        this.refresh = Objects.requireNonNull(action, "action");
    }

    void onPoll(Duration every, java.util.function.Supplier<List<StreamFrame>> poll) {
        this.pollEvery = Objects.requireNonNull(every, "every");
        this.poller = Objects.requireNonNull(poll, "poll");
    }

    void onClose(Runnable action) {
        onClose.add(Objects.requireNonNull(action, "action"));
    }

    /** The frames read from the stores when the stream opened, in order; emit them first, even past the deadline. */
    public List<StreamFrame> takeReplay() {
        List<StreamFrame> frames = List.copyOf(replay);
        replay.clear();
        return frames;
    }

    /**
     * The next live frame, waiting up to {@code wait}; empty when none came in time (or when the event repeated a
     * replayed message).
     */
    public Optional<StreamFrame> next(Duration wait) throws InterruptedException {
        LiveEvent event = live.poll(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
        if (event == null || (event.subject() != null && replayedSubjects.contains(event.subject()))) {
            return Optional.empty();
        }
        return Optional.of(StreamFrame.of(event));
    }

    /** How often the consumer should call {@link #poll}; empty for a stream that only forwards bus events. */
    public Optional<Duration> pollInterval() {
        return Optional.ofNullable(pollEvery);
    }

    /**
     * The frames a poll of the stores finds (the wake stream's newly ready work, §13.3), in order; call every
     * {@link #pollInterval()} from the consumer's thread. Empty for a stream without a poll.
     */
    public List<StreamFrame> poll() {
        return poller.get();
    }

    /** Whether live events were dropped because the consumer fell behind; the stream should then end. */
    public boolean overflowed() {
        return overflowed;
    }

    /** Renews what the stream keeps alive while open (chat waiting presence); call every {@code REFRESH}. */
    public void refresh() {
        refresh.run();
    }

    /** Ends the subscriptions and leaves the waiting presence. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        for (Subscription subscription : subscriptions) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        for (Runnable action : onClose) {
            try {
                action.run();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
