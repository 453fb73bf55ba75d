package dev.agenthub.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.agenthub.orchestration.webhooks.port.JsonDecoder;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link JsonDecoder} with Jackson: the bytes must be strict UTF-8 (no other encoding is detected) holding exactly
 * one JSON value (trailing content is an error). Integers too large for a {@code long} decode as
 * {@code BigInteger}.
 */
public final class JacksonJsonDecoder implements JsonDecoder {

    private final ObjectMapper mapper;
    private final ObjectReader reader;

    public JacksonJsonDecoder(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public Optional<Object> decode(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        try {
            JsonNode node = reader.readTree(text);
            if (node == null || node.isMissingNode()) {
                return Optional.empty();
            }
            if (node.isNull()) {
                return Optional.of(NULL);
            }
            return Optional.of(mapper.convertValue(node, Object.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
