package dev.agenthub.http.ratelimit;

import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.ratelimit.port.SlidingWindowLimiter;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The write rate limiter (wire spec agenthub §2.3), a before-filter that runs after the request id and trace
 * filter and before every gate. When enabled, every POST, PATCH, PUT and DELETE on any path is one hit on the
 * client IP's 60-second sliding window ({@code ip:<client ip>}), and, when a per-key limit is set and the request
 * presents a key ({@code X-API-Key}, else the bearer token), one on the key's window ({@code key:<first 16 hex of
 * sha256(key)>}); anonymous writers have no key window. A request must pass both; the per-IP window is asked
 * first, and a request it refuses does not count against the key's.
 *
 * <p>A refusal answers 429 {@code {"detail":"Rate limit exceeded"}} with {@code Retry-After} (through
 * {@link DomainError.RateLimited}) and counts {@code agent_hub_rate_limit_rejections_total}. When the store cannot
 * be asked the request is allowed (R-T2), {@code agent_hub_rate_limit_store_failures_total} counts it and a warning
 * is logged at most once a minute.
 */
public final class WriteRateLimit {

    public static final String EXCEEDED = "Rate limit exceeded";
    static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PATCH, HandlerType.PUT,
            HandlerType.DELETE);
    private static final Logger log = LoggerFactory.getLogger(WriteRateLimit.class);
    private static final long LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final WriteRateLimitSettings settings;
    private final Supplier<SlidingWindowLimiter> limiter;
    private final Clock clock;
    private final Counter rejections;
    private final Counter storeFailures;
    private final Throttle storeWarnings = new Throttle();
    private final Throttle headerWarnings = new Throttle();
    private final Set<String> trustedProxies;

    /**
     * @param limiter the window store, read per request; null while the hub has not started (requests pass)
     */
    public WriteRateLimit(WriteRateLimitSettings settings, Supplier<SlidingWindowLimiter> limiter, Clock clock,
                          MeterRegistry registry) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trustedProxies = settings.trustedProxies().stream().map(WriteRateLimit::canonical)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.rejections = Counter.builder("agent_hub.rate_limit.rejections")
                .description("Writes rejected by the write rate limiter").register(registry);
        this.storeFailures = Counter.builder("agent_hub.rate_limit.store_failures")
                .description("Writes allowed because the rate limiter's store could not be asked").register(registry);
    }

    public WriteRateLimitSettings settings() {
        return settings;
    }

    /** The before-filter. */
    public void check(Context ctx) {
        if (!settings.enabled() || !WRITES.contains(ctx.method())) {
            return;
        }
        SlidingWindowLimiter store = limiter.get();
        if (store == null) {
            return;
        }
        hit(store, "ip:" + clientIp(ctx), settings.perIpLimit());
        if (settings.perKeyLimit() > 0) {
            String key = presentedKey(ctx);
            if (!key.isEmpty()) {
                hit(store, "key:" + keyFingerprint(key), settings.perKeyLimit());
            }
        }
    }

    private void hit(SlidingWindowLimiter store, String key, int limit) {
        SlidingWindowLimiter.Decision decision;
        try {
            decision = store.hit(key, limit, WINDOW, clock.instant());
        } catch (RuntimeException e) {
            storeFailures.increment();
            if (storeWarnings.due()) {
                log.warn("write rate limiter store failed, allowing writes while it does: {}", e.toString());
            }
            return;
        }
        if (!decision.allowed()) {
            rejections.increment();
            throw new DomainError.RateLimited(EXCEEDED, decision.retryAfterSeconds());
        }
    }

    /**
     * §2.3: the peer address; with proxy headers trusted and the peer listed exactly among the trusted proxies, the
     * first {@code X-Forwarded-For} entry if it is a valid IP, else {@code X-Real-IP} if it is, else the peer.
     */
    String clientIp(Context ctx) {
        String peer = canonical(unbracketed(ctx.req().getRemoteAddr()));
        if (!settings.trustProxyHeaders() || !trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String first = forwarded.split(",", -1)[0].strip();
            if (IpLiterals.isValid(first)) {
                return canonical(first);
            }
            invalidHeader("X-Forwarded-For", first);
        }
        String real = ctx.header("X-Real-IP");
        if (real != null && !real.isBlank()) {
            if (IpLiterals.isValid(real.strip())) {
                return canonical(real.strip());
            }
            invalidHeader("X-Real-IP", real.strip());
        }
        return peer;
    }

    private void invalidHeader(String header, String value) {
        if (headerWarnings.due()) {
            log.warn("ignoring invalid {} from a trusted proxy: '{}'", header,
                    value.length() > 64 ? value.substring(0, 64) + "…" : value);
        }
    }

    /**
     * One spelling per address, so that {@code ::1}, {@code 0:0:0:0:0:0:0:1} and {@code 0::1} share a window and match
     * the same trusted proxy. Only for text {@link IpLiterals} accepted, so {@link InetAddress} parses the literal and
     * never asks DNS; other text is returned as it is.
     */
    static String canonical(String address) {
        if (!IpLiterals.isValid(address)) {
            return address;
        }
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static String unbracketed(String address) {
        if (address == null) {
            return "";
        }
        return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    }

    /** The key the request presents: {@code X-API-Key} when non-empty, else the bearer token, else empty. */
    static String presentedKey(Context ctx) {
        String header = ctx.header("X-API-Key");
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String authorization = ctx.header("Authorization");
        if (authorization == null) {
            return "";
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return "";
        }
        return value.substring(space + 1).strip();
    }

    /** The first 16 hex characters of the key's SHA-256: the key's window name, never the key itself. */
    public static String keyFingerprint(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** At most one log line a minute per kind. */
    private static final class Throttle {
        private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);

        boolean due() {
            long now = System.nanoTime();
            long due = next.get();
            return (due == Long.MIN_VALUE || now - due >= 0) && next.compareAndSet(due, now + LOG_INTERVAL_NANOS);
        }
    }
}
