package dev.agenthub.protocol.fakes;

import dev.agenthub.protocol.ratelimit.port.RateLimiter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed-window {@link RateLimiter} as the port describes it (the window starts at the first hit, refused hits
 * count), driven by the caller's {@code now}. {@link #failWith} makes every hit throw, as an unreachable store.
 */
public final class FakeRateLimiter implements RateLimiter {

    /** One {@link #hit} call. */
    public record Hit(String bucket, int limit, Duration window, Instant now) {
    }

    private static final class Window {
        final Instant start;
        long count;

        Window(Instant start) {
            this.start = start;
        }
    }

    private final Map<String, Window> windows = new HashMap<>();
    private final List<Hit> hits = new ArrayList<>();
    private RuntimeException failure;

    /** From now on every hit throws {@code failure}; null makes the limiter work again. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    public List<Hit> hits() {
        return List.copyOf(hits);
    }

    @Override
    public Decision hit(String bucket, int limit, Duration window, Instant now) {
        hits.add(new Hit(bucket, limit, window, now));
        if (failure != null) {
            throw failure;
        }
        Window current = windows.get(bucket);
        if (current == null || !now.isBefore(current.start.plus(window))) {
            current = new Window(now);
            windows.put(bucket, current);
        }
        current.count++;
        return new Decision(current.count <= limit, current.count, Duration.between(now, current.start.plus(window)));
    }
}
