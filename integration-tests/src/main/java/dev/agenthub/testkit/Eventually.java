package dev.agenthub.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for asynchronous outcomes without fixed sleeps: polls a condition until it holds or a generous
 * deadline passes. The deadline only bounds a failing test; passing tests return as soon as they can.
 */
public final class Eventually {

    /** Default upper bound for asynchronous delivery in contract suites. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private Eventually() {
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, DEFAULT_TIMEOUT, condition);
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
