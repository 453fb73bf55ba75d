package dev.agenthub.http.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.error.Violation;
import io.javalin.http.Context;

import java.util.List;
import java.util.Set;

/**
 * Reads JSON request bodies into trees that handlers validate into command records. Malformed JSON
 * surfaces as Jackson's exception, which {@link ErrorResponses#invalidJson} turns into the list-shaped 422.
 */
public final class JsonBodies {

    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The body as a JSON object.
     *
     * @throws DomainError.Invalid 422 {@code missing} at {@code ["body"]} for an empty body, or
     *                             {@code model_attributes_type} when the JSON is not an object
     */
    public ObjectNode object(Context ctx) {
        String raw = ctx.body(); // parsed from text so a syntax error reports its character offset
        if (raw.isEmpty()) {
            throw DomainError.Invalid.of(Violation.missing(List.of("body"), null));
        }
        JsonNode node;
        try {
            node = mapper.readTree(raw);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidJsonBody(e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw DomainError.Invalid.of(new Violation("model_attributes_type", List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from", mapper.convertValue(node, Object.class)));
        }
        return object;
    }

    /**
     * For strict bodies: a 422 {@code extra_forbidden} for every key outside {@code allowed}, all reported
     * at once.
     */
    public void rejectUnknownKeys(ObjectNode body, Set<String> allowed) {
        BodyFields fields = new BodyFields(body, mapper);
        fields.forbidUnknownKeys(allowed);
        fields.validate();
    }

    /** The body as an object, ready for field-by-field validation. */
    public BodyFields fields(Context ctx) {
        return new BodyFields(object(ctx), mapper);
    }

    /** Carries Jackson's parse failure out of handlers so the error mapper can answer 422 {@code json_invalid}. */
    public static final class InvalidJsonBody extends RuntimeException {
        private final transient com.fasterxml.jackson.core.JsonProcessingException cause;

        InvalidJsonBody(com.fasterxml.jackson.core.JsonProcessingException cause) {
            super(cause.getOriginalMessage(), cause, false, false);
            this.cause = cause;
        }

        public com.fasterxml.jackson.core.JsonProcessingException parseFailure() {
            return cause;
        }
    }
}
