package dev.agenthub.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs one body on several threads released at the same moment, for the kits' race tests. */
public final class ConcurrentRuns {

    /** The work of one thread, given its index. */
    @FunctionalInterface
    public interface ThreadBody {
        void run(int thread) throws Exception;
    }

    private ConcurrentRuns() {
    }

    /**
     * Starts {@code threads} platform threads, releases them together, and waits (up to 120 s) for all; the
     * first failure is rethrown (wrapped in an {@code ExecutionException}).
     */
    public static void run(int threads, ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    body.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
