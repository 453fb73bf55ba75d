package dev.agenthub.it.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The {@code X-BH-Auth} value a trusted wrapper sends (wire spec §3.3), computed here with
 * {@code javax.crypto} directly so the tests do not depend on the server's own signing code.
 */
public final class SignedContext {

    private SignedContext() {
    }

    /** The message of a context: {@code v2:{project}:{type}:{principal}:{actor}}. */
    public static String message(String project, String type, String principal, String actor) {
        return String.join(":", "v2", project, type, principal, actor);
    }

    /** {@code <message>:<hex HMAC-SHA256(secret, message)>}. */
    public static String header(String secret, String message) {
        return message + ":" + hmacHex(secret, message);
    }

    /** Lowercase hex HMAC-SHA256 of {@code message} under {@code secret}, both UTF-8. */
    public static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
