package dev.agenthub.orchestration.webhooks;

import dev.agenthub.protocol.kernel.error.DomainError;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The {@code X-Hub-Signature-256} check of wire spec agenthub §9.2 step 2: {@code sha256=<hex>} (the algorithm name
 * in any case), the lowercase hex HMAC-SHA256 of the raw body keyed with the secret, compared in constant time.
 */
public final class WebhookSignature {

    public static final String MISSING = "Missing X-Hub-Signature-256 header";
    public static final String MALFORMED = "Malformed X-Hub-Signature-256 header";
    public static final String INVALID = "Invalid webhook signature";

    private WebhookSignature() {
    }

    /**
     * @param secret the configured secret, already trimmed and non-empty
     * @param header the header as received, or null
     * @throws DomainError.Unauthenticated with one of the three texts above
     */
    public static void verify(String secret, String header, byte[] body) {
        String value = header == null ? "" : header.strip();
        if (value.isEmpty()) {
            throw new DomainError.Unauthenticated(MISSING, false);
        }
        int equals = value.indexOf('=');
        if (equals < 0 || !value.substring(0, equals).toLowerCase(Locale.ROOT).equals("sha256")
                || equals == value.length() - 1) {
            throw new DomainError.Unauthenticated(MALFORMED, false);
        }
        byte[] received = value.substring(equals + 1).getBytes(StandardCharsets.UTF_8);
        byte[] expected = hex(secret, body).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, received)) {
            throw new DomainError.Unauthenticated(INVALID, false);
        }
    }

    /** The lowercase hex HMAC-SHA256 of {@code body} keyed with {@code secret} (UTF-8). */
    public static String hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
