package dev.agenthub.protocol.kernel.health;

/**
 * Port: a liveness check of one dependency (the database, the Redis-role backend), reported by
 * {@code GET /health} and used by {@code GET /health/ready}.
 *
 * <p>Contract: {@link #check()} is cheap (one round trip), bounded in time by the implementation
 * (a few seconds at most), thread-safe, and never throws: failures are returned as {@link Status#down}.
 */
public interface HealthProbe {

    /** The key under {@code checks} in the health body, e.g. {@code database} or {@code redis}. */
    String name();

    Status check();

    /** The outcome of one check. */
    record Status(boolean healthy, String message) {

        public static Status ok() {
            return new Status(true, "ok");
        }

        public static Status down(String message) {
            return new Status(false, message == null || message.isBlank() ? "unknown error" : message);
        }
    }
}
