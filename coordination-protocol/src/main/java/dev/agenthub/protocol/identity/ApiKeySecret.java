package dev.agenthub.protocol.identity;

import dev.agenthub.protocol.kernel.text.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The plaintext of an API key, {@code aw_sk_} followed by 64 lowercase hex characters (32 random bytes), 70
 * characters in all. It exists only while a key is minted (returned once) or presented; what is stored is
 * {@link #hash()} and, for display, {@link #displayPrefix()}.
 */
public final class ApiKeySecret {

    public static final String PREFIX = "aw_sk_";
    public static final int LENGTH = PREFIX.length() + 64;
    /** Characters kept for display. */
    public static final int DISPLAY_PREFIX_LENGTH = 12;

    private final String text;

    private ApiKeySecret(String text) {
        this.text = text;
    }

    /**
     * Mints a new key from {@code random}, which must be a cryptographically strong generator in production
     * (e.g. {@link java.security.SecureRandom}); tests may inject a seeded one.
     */
    public static ApiKeySecret mint(RandomGenerator random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new ApiKeySecret(PREFIX + HexFormat.of().formatHex(bytes));
    }

    /** Wraps presented text as it is; any text may be presented, and an unknown one simply matches no hash. */
    public static ApiKeySecret presented(String text) {
        return new ApiKeySecret(Objects.requireNonNull(text, "text"));
    }

    /** The plaintext, to hand to the client exactly once. */
    public String reveal() {
        return text;
    }

    /** The lookup key: lowercase hex SHA-256 of the whole key text in UTF-8. */
    public String hash() {
        return Sha256.hex(text);
    }

    /** The first {@value #DISPLAY_PREFIX_LENGTH} characters, for listings. */
    public String displayPrefix() {
        return text.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, text.length()));
    }

    /** Whether the text has the minted form (clients reject keys without the prefix or shorter than 38). */
    public boolean wellFormed() {
        return text.length() == LENGTH && text.startsWith(PREFIX)
                && text.substring(PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** Constant-time comparison of two hashes, for the places that compare instead of looking up. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Never the plaintext. */
    @Override
    public String toString() {
        return "ApiKeySecret[" + displayPrefix() + "…]";
    }
}
