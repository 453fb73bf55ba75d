package dev.agenthub.persistence.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Lua script run atomically on the Redis server: sent by its SHA-1 ({@code EVALSHA}), and in full
 * ({@code EVAL}, which also caches it) the first time a server does not know it, e.g. after a restart or
 * {@code SCRIPT FLUSH}. Failures other than an unknown script propagate as Lettuce's runtime exceptions.
 */
final class RedisScript {

    private final String source;
    private final String sha1;

    RedisScript(String source) {
        this.source = Objects.requireNonNull(source, "source");
        this.sha1 = sha1Hex(source);
    }

    <T> T run(RedisCommands<String, String> commands, ScriptOutputType output, String[] keys, String... arguments) {
        try {
            return commands.evalsha(sha1, output, keys, arguments);
        } catch (RedisNoScriptException unknownToTheServer) {
            return commands.eval(source, output, keys, arguments);
        }
    }

    private static String sha1Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-1", e);
        }
    }
}
