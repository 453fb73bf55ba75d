package dev.agenthub.protocol.kernel.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of text (its UTF-8 bytes): API-key hashes, chat participant keys, reservation key hashes. */
public final class Sha256 {

    private Sha256() {
    }

    /** The 32-byte digest of {@code text} in UTF-8. */
    public static byte[] of(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The digest as 64 lowercase hex characters. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(of(text));
    }
}
