package dev.agenthub.orchestration.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The configured API keys of {@code AGENT_HUB_API_KEYS} (wire spec §3.1, §14 D4), each with its maximum role.
 *
 * <p>Syntax: a comma list; entries are trimmed and empty ones dropped. An entry is {@code <key>} or
 * {@code <key>:<role>}, and the suffix is a role only when the text after the <em>last</em> {@code :} is exactly
 * {@code viewer}, {@code maintainer} or {@code admin}; otherwise the whole entry is the key. A bare key's maximum
 * role is {@code maintainer}. An entry whose key part is empty ({@code ":admin"}) is dropped as well.
 *
 * <p>Matching compares SHA-256 digests of the presented and the configured keys with
 * {@link MessageDigest#isEqual}, against every key without stopping at the first match, so neither the content nor
 * the length of a key leaks through timing.
 */
public final class ApiKeyRing {

    /** The maximum role of a key written without a suffix. */
    public static final Role BARE_KEY_ROLE = Role.MAINTAINER;

    private static final ApiKeyRing EMPTY = new ApiKeyRing(List.of());

    private final List<Entry> entries;

    private ApiKeyRing(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** One configured key; {@link #toString()} never shows the key. */
    private record Entry(String key, byte[] digest, Role maxRole) {
        @Override
        public String toString() {
            return "Entry[akh=" + akh(key) + ", maxRole=" + maxRole.wireName() + "]";
        }
    }

    /**
     * A presented key that matched a configured one.
     *
     * @param maxRole the key's ceiling (§14 D4)
     * @param akh     the first 12 hex characters of the key's SHA-256, for the optional {@code akh} token claim
     */
    public record Match(Role maxRole, String akh) {
        public Match {
            Objects.requireNonNull(maxRole, "maxRole");
            Objects.requireNonNull(akh, "akh");
        }
    }

    public static ApiKeyRing empty() {
        return EMPTY;
    }

    /** Parses the value of {@code AGENT_HUB_API_KEYS}; null or blank gives the empty ring. Never fails. */
    public static ApiKeyRing parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        List<Entry> entries = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String key = entry;
            Role role = BARE_KEY_ROLE;
            int colon = entry.lastIndexOf(':');
            if (colon >= 0) {
                Optional<Role> suffix = Role.fromWireName(entry.substring(colon + 1));
                if (suffix.isPresent()) {
                    key = entry.substring(0, colon);
                    role = suffix.get();
                }
            }
            if (!key.isEmpty()) {
                entries.add(new Entry(key, sha256(key), role));
            }
        }
        return new ApiKeyRing(entries);
    }

    /** Whether no key is configured (§3.1: the key gate then answers 500). */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The first configured key as written (without its role suffix), for the loopback-only UI prefill; or empty. */
    public Optional<String> firstKey() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.getFirst().key());
    }

    /**
     * The configured key equal to {@code presented}, compared in constant time; empty for null, an empty string or
     * no match. When a key is configured twice with different roles, the first entry wins.
     */
    public Optional<Match> match(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        Entry found = null;
        for (Entry entry : entries) {
            boolean equal = MessageDigest.isEqual(digest, entry.digest());
            if (equal && found == null) {
                found = entry;
            }
        }
        return found == null ? Optional.empty() : Optional.of(new Match(found.maxRole(), akh(found.key())));
    }

    /** §14 D4's {@code akh}: the first 12 lowercase hex characters of the SHA-256 of the key's UTF-8 bytes. */
    public static String akh(String key) {
        return HexFormat.of().formatHex(sha256(key)).substring(0, 12);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The keys' audit hashes and roles, never the keys. */
    @Override
    public String toString() {
        return "ApiKeyRing" + entries;
    }
}
