package dev.agenthub.orchestration.webhooks.port;

import java.util.Optional;

/**
 * Port: decodes a webhook body (wire spec agenthub §9.2 step 6). Stateless and thread-safe.
 */
public interface JsonDecoder {

    /**
     * The body as UTF-8 JSON, as neutral values: {@code Map<String, Object>} (keys in document order; a repeated
     * key keeps its last value), {@code List<Object>}, {@code String}, {@code Number} ({@code Long} or
     * {@code BigInteger} for integers, {@code Double} or {@code BigDecimal} otherwise), {@code Boolean}, and null
     * (a JSON {@code null} is {@code Optional.of(NULL)}).
     *
     * @return empty when the bytes are not valid UTF-8 or not one JSON value
     */
    Optional<Object> decode(byte[] body);

    /** Stands for a top-level JSON {@code null}, which {@link Optional} cannot hold. */
    Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
}
