package dev.agenthub.protocol.identity;

import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import dev.agenthub.protocol.kernel.id.Uuids;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The signed proxy context of a trusted wrapper (wire spec §3.3): {@code X-BH-Auth: <msg>:<hex HMAC-SHA256>}
 * with {@code msg = v2:{project_id}:{principal_type}:{principal_id}:{actor_id}}. The message is rebuilt from
 * the companion headers with every UUID in lowercase hyphenated form, and its HMAC compared in constant
 * time with the one presented; so a signature covers exactly the identity the headers claim. The actor
 * ({@code X-Aweb-Actor-ID}) is required except for the public reader.
 */
public final class ProxySignature {

    private static final String VERSION = "v2";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param secret the shared secret, non-empty */
    public ProxySignature(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the proxy secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * The principal the signed headers prove.
     *
     * @throws DomainError.Unauthenticated {@code Authentication required} for a missing or unparsable piece
     *                                     or a bad signature
     */
    public Principal verify(RequestCredentials headers) {
        String signed = headers.proxyAuth();
        if (signed == null) {
            throw rejected();
        }
        int separator = signed.lastIndexOf(':');
        if (separator <= 0) {
            throw rejected();
        }
        String[] fields = signed.substring(0, separator).split(":", -1);
        byte[] presented = hex(signed.substring(separator + 1).strip()).orElseThrow(ProxySignature::rejected);
        if (fields.length != 5 || !fields[0].equals(VERSION)) {
            throw rejected();
        }
        ProjectId project = uuid(headers.projectId()).map(ProjectId::new).orElseThrow(ProxySignature::rejected);
        Principal.Type type;
        String principalId;
        UUID userId = null;
        UUID apiKeyId = null;
        if (headers.userId() != null) {
            type = Principal.Type.USER;
            userId = uuid(headers.userId()).orElseThrow(ProxySignature::rejected);
            principalId = userId.toString();
        } else if (headers.apiKeyId() != null) {
            type = Principal.Type.KEY;
            apiKeyId = uuid(headers.apiKeyId()).orElseThrow(ProxySignature::rejected);
            principalId = apiKeyId.toString();
        } else if (fields[2].equals(Principal.Type.PUBLIC_READER.code())) {
            type = Principal.Type.PUBLIC_READER;
            principalId = Uuids.parse(fields[3]).map(UUID::toString).orElse(fields[3]);
        } else {
            throw rejected();
        }
        // every principal but the public reader acts as an agent; a reader may come without one
        AgentId actor = null;
        if (headers.actorId() != null || type != Principal.Type.PUBLIC_READER) {
            actor = uuid(headers.actorId()).map(AgentId::new).orElseThrow(ProxySignature::rejected);
        }
        String message = String.join(":", VERSION, project.toString(), type.code(), principalId,
                actor == null ? "" : actor.toString());
        if (!MessageDigest.isEqual(sign(message), presented)) {
            throw rejected();
        }
        return new Principal(project, Principal.AuthMode.PROXY, type, apiKeyId, userId, actor, null);
    }

    /** The header value a wrapper sends for {@code message} (for wrappers and tests). */
    public String headerFor(String message) {
        return message + ":" + HexFormat.of().formatHex(sign(message));
    }

    private byte[] sign(String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }

    private static Optional<UUID> uuid(String text) {
        return text == null ? Optional.empty() : Uuids.parse(text.strip());
    }

    private static Optional<byte[]> hex(String text) {
        if (text.isEmpty() || text.length() % 2 != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(HexFormat.of().parseHex(text.toLowerCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static DomainError.Unauthenticated rejected() {
        return new DomainError.Unauthenticated("Authentication required", false);
    }

    @Override
    public String toString() {
        return "ProxySignature[secret hidden]";
    }
}
