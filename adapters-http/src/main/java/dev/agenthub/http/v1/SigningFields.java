package dev.agenthub.http.v1;

import dev.agenthub.http.support.BodyFields;
import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.time.WireTime;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The self-custody signing fields mail and chat bodies may carry (§4.9): stored as given, not verified (aw
 * v0.4.0 does not verify them either).
 */
record SigningFields(UUID messageId, String timestamp, String fromDid, String toDid, String signature, String signingKeyId) {

    static final List<String> NAMES = List.of("message_id", "timestamp", "from_did", "to_did", "signature", "signing_key_id");

    /** {@code names} plus the signing fields: the keys a strict message body may have. */
    static Set<String> withSigningFields(String... names) {
        Set<String> all = new HashSet<>(List.of(names));
        all.addAll(NAMES);
        return Set.copyOf(all);
    }

    /** Reads the fields (recording type and length violations on {@code body}). */
    static SigningFields read(BodyFields body) {
        return new SigningFields(body.uuid("message_id"), body.nullableString("timestamp", 64, null),
                body.nullableString("from_did", 256, null), body.nullableString("to_did", 256, null),
                body.nullableString("signature", 512, null), body.nullableString("signing_key_id", 256, null));
    }

    /**
     * The signing rules, checked after the body validated.
     *
     * @throws DomainError.Invalid 422 with the texts of §4.9
     */
    void check() {
        if (signature == null) {
            return;
        }
        if (fromDid == null) {
            throw new DomainError.Invalid("from_did is required when signature is provided");
        }
        if (messageId == null || timestamp == null) {
            throw new DomainError.Invalid("message_id and timestamp are required when signature is provided");
        }
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(timestamp.strip());
        } catch (DateTimeParseException e) {
            throw new DomainError.Invalid(WireTime.parse(timestamp).isPresent()
                    ? "timestamp must be timezone-aware" : "Invalid timestamp format");
        }
        if (parsed.getNano() != 0) {
            throw new DomainError.Invalid("timestamp must be second precision");
        }
    }
}
