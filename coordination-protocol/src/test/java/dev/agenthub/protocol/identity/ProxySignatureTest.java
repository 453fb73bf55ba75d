package dev.agenthub.protocol.identity;

import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.id.ProjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxySignatureTest {

    private static final String SECRET = "wrapper-shared-secret";
    private static final String PROJECT = "6f1c2f0e-3d4b-4a5c-9e8f-0a1b2c3d4e5f";
    private static final String USER = "0b5e7a3c-1111-4222-8333-944455566677";
    private static final String KEY_RECORD = "a1b2c3d4-aaaa-4bbb-8ccc-ddddeeeeffff";
    private static final String ACTOR = "c0ffee00-1234-4567-89ab-cdef01234567";
    private static final String READER = "dead0000-beef-4000-8000-000000000001";

    private final ProxySignature proxy = new ProxySignature(SECRET);

    /** HMAC-SHA256 in lowercase hex, computed here independently of the production code. */
    private static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String signed(String message) {
        return message + ":" + hmacHex(SECRET, message);
    }

    private static RequestCredentials headers(String proxyAuth, String project, String user, String apiKey, String actor) {
        return new RequestCredentials(null, proxyAuth, project, user, apiKey, actor);
    }

    private static void assertRejected(ThrowingRunnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainError.Unauthenticated.class, e -> {
            assertThat(e.detail()).isEqualTo("Authentication required");
            assertThat(e.bearerChallenge()).as("a proxy 401 carries no Bearer challenge").isFalse();
        });
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run();
    }

    @Test
    void aUserPrincipalIsProvenByTheSignedHeaders() {
        String auth = signed("v2:" + PROJECT + ":u:" + USER + ":" + ACTOR);

        Principal principal = proxy.verify(headers(auth, PROJECT, USER, null, ACTOR));

        assertThat(principal).isEqualTo(new Principal(new ProjectId(UUID.fromString(PROJECT)), Principal.AuthMode.PROXY,
                Principal.Type.USER, null, UUID.fromString(USER), new AgentId(UUID.fromString(ACTOR)), null));
    }

    @Test
    void anApiKeyPrincipalIsProvenByTheSignedHeaders() {
        String auth = signed("v2:" + PROJECT + ":k:" + KEY_RECORD + ":" + ACTOR);

        Principal principal = proxy.verify(headers(auth, PROJECT, null, KEY_RECORD, ACTOR));

        assertThat(principal.type()).isEqualTo(Principal.Type.KEY);
        assertThat(principal.apiKeyId()).isEqualTo(UUID.fromString(KEY_RECORD));
        assertThat(principal.userId()).isNull();
        assertThat(principal.actor()).isEqualTo(new AgentId(UUID.fromString(ACTOR)));
        assertThat(principal.mode()).isEqualTo(Principal.AuthMode.PROXY);
        assertThat(principal.bound()).isEmpty();
    }

    @Test
    void headerUuidsInAnyAcceptedFormAreNormalisedBeforeVerifying() {
        String auth = signed("v2:" + PROJECT + ":u:" + USER + ":" + ACTOR);

        Principal principal = proxy.verify(headers(auth, PROJECT.toUpperCase(Locale.ROOT), USER.replace("-", ""),
                null, "{" + ACTOR.toUpperCase(Locale.ROOT) + "}"));

        assertThat(principal.project().value()).isEqualTo(UUID.fromString(PROJECT));
        assertThat(principal.userId()).isEqualTo(UUID.fromString(USER));
        assertThat(principal.actor().value()).isEqualTo(UUID.fromString(ACTOR));
    }

    @Test
    void aSignatureOverUnnormalisedUuidsDoesNotVerify() {
        String message = "v2:" + PROJECT.toUpperCase(Locale.ROOT) + ":u:" + USER + ":" + ACTOR;

        assertRejected(() -> proxy.verify(headers(signed(message), PROJECT.toUpperCase(Locale.ROOT), USER, null, ACTOR)));
    }

    @Test
    void thePublicReaderIsReadFromTheSignedFieldsAndNeedsNoActor() {
        String auth = signed("v2:" + PROJECT + ":p:" + READER + ":");

        Principal principal = proxy.verify(headers(auth, PROJECT, null, null, null));

        assertThat(principal.type()).isEqualTo(Principal.Type.PUBLIC_READER);
        assertThat(principal.publicReader()).isTrue();
        assertThat(principal.actor()).isNull();
        assertThat(principal.userId()).isNull();
        assertThat(principal.apiKeyId()).isNull();
        assertThat(principal.project().value()).isEqualTo(UUID.fromString(PROJECT));
    }

    @Test
    void aPublicReaderMayComeWithAnActor() {
        String auth = signed("v2:" + PROJECT + ":p:" + READER + ":" + ACTOR);

        Principal principal = proxy.verify(headers(auth, PROJECT, null, null, ACTOR));

        assertThat(principal.type()).isEqualTo(Principal.Type.PUBLIC_READER);
        assertThat(principal.actor().value()).isEqualTo(UUID.fromString(ACTOR));
    }

    @Test
    void thePublicReadersIdIsNormalisedToo() {
        String normalisedMessage = "v2:" + PROJECT + ":p:" + READER + ":";
        String presented = "v2:" + PROJECT + ":p:" + READER.toUpperCase(Locale.ROOT) + ":"
                + ":" + hmacHex(SECRET, normalisedMessage);

        assertThat(proxy.verify(headers(presented, PROJECT, null, null, null)).publicReader()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"u", "k", "x", "P", ""})
    void withoutUserOrKeyHeadersOnlyThePublicReaderTypeIsAccepted(String type) {
        String auth = signed("v2:" + PROJECT + ":" + type + ":" + USER + ":" + ACTOR);

        assertRejected(() -> proxy.verify(headers(auth, PROJECT, null, null, ACTOR)));
    }

    @Test
    void aUserOrKeyPrincipalNeedsAnActor() {
        String userAuth = signed("v2:" + PROJECT + ":u:" + USER + ":");
        String keyAuth = signed("v2:" + PROJECT + ":k:" + KEY_RECORD + ":");

        assertRejected(() -> proxy.verify(headers(userAuth, PROJECT, USER, null, null)));
        assertRejected(() -> proxy.verify(headers(keyAuth, PROJECT, null, KEY_RECORD, null)));
    }

    @Test
    void anUnparsableActorIsRejectedEvenForThePublicReader() {
        String auth = signed("v2:" + PROJECT + ":p:" + READER + ":");

        assertRejected(() -> proxy.verify(headers(auth, PROJECT, null, null, "not-a-uuid")));
        assertRejected(() -> proxy.verify(headers(signed("v2:" + PROJECT + ":u:" + USER + ":not-a-uuid"),
                PROJECT, USER, null, "not-a-uuid")));
    }

    @Test
    void everyHeaderIsCoveredByTheSignature() {
        String auth = signed("v2:" + PROJECT + ":u:" + USER + ":" + ACTOR);
        String another = "99999999-9999-4999-8999-999999999999";

        assertRejected(() -> proxy.verify(headers(auth, another, USER, null, ACTOR)));
        assertRejected(() -> proxy.verify(headers(auth, PROJECT, another, null, ACTOR)));
        assertRejected(() -> proxy.verify(headers(auth, PROJECT, USER, null, another)));
        // the same id claimed as a key record instead of a user changes the principal type
        assertRejected(() -> proxy.verify(headers(signed("v2:" + PROJECT + ":u:" + USER + ":" + ACTOR),
                PROJECT, null, USER, ACTOR)));
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRejected() {
        String message = "v2:" + PROJECT + ":u:" + USER + ":" + ACTOR;

        assertRejected(() -> proxy.verify(headers(message + ":" + hmacHex("another-secret", message),
                PROJECT, USER, null, ACTOR)));
    }

    @Test
    void aSignatureThatIsOffByOneByteOrTruncatedIsRejected() {
        String message = "v2:" + PROJECT + ":u:" + USER + ":" + ACTOR;
        String mac = hmacHex(SECRET, message);
        String lastByteFlipped = mac.substring(0, 62) + String.format("%02x", Integer.parseInt(mac.substring(62), 16) ^ 1);

        assertRejected(() -> proxy.verify(headers(message + ":" + lastByteFlipped, PROJECT, USER, null, ACTOR)));
        assertRejected(() -> proxy.verify(headers(message + ":" + mac.substring(0, 32), PROJECT, USER, null, ACTOR)));
        assertRejected(() -> proxy.verify(headers(message + ":" + mac + "00", PROJECT, USER, null, ACTOR)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"no-separator-at-all", ":deadbeef", "v2:only:three:deadbeef"})
    void anUnparsableAuthHeaderIsRejected(String auth) {
        assertRejected(() -> proxy.verify(headers(auth, PROJECT, USER, null, ACTOR)));
    }

    @Test
    void malformedSignaturesAreRejected() {
        String message = "v2:" + PROJECT + ":u:" + USER + ":" + ACTOR;

        assertRejected(() -> proxy.verify(headers(message + ":", PROJECT, USER, null, ACTOR)));
        assertRejected(() -> proxy.verify(headers(message + ":abc", PROJECT, USER, null, ACTOR)));
        assertRejected(() -> proxy.verify(headers(message + ":zz" + hmacHex(SECRET, message).substring(2),
                PROJECT, USER, null, ACTOR)));
    }

    @Test
    void theMessageMustHaveFiveFieldsAndVersionTwo() {
        String v1 = "v1:" + PROJECT + ":u:" + USER + ":" + ACTOR;
        String sixFields = "v2:" + PROJECT + ":u:" + USER + ":" + ACTOR + ":extra";

        assertRejected(() -> proxy.verify(headers(signed(v1), PROJECT, USER, null, ACTOR)));
        assertRejected(() -> proxy.verify(headers(signed(sixFields), PROJECT, USER, null, ACTOR)));
    }

    @Test
    void aMissingOrUnparsableProjectOrPrincipalHeaderIsRejected() {
        String auth = signed("v2:" + PROJECT + ":u:" + USER + ":" + ACTOR);

        assertRejected(() -> proxy.verify(headers(auth, null, USER, null, ACTOR)));
        assertRejected(() -> proxy.verify(headers(auth, "project-7", USER, null, ACTOR)));
        assertRejected(() -> proxy.verify(headers(auth, PROJECT, "user-7", null, ACTOR)));
        assertRejected(() -> proxy.verify(headers(signed("v2:" + PROJECT + ":k:" + KEY_RECORD + ":" + ACTOR),
                PROJECT, null, "key-7", ACTOR)));
    }

    @Test
    void headerForSignsTheMessageWithTheSecret() {
        String message = "v2:" + PROJECT + ":k:" + KEY_RECORD + ":" + ACTOR;

        assertThat(proxy.headerFor(message)).isEqualTo(message + ":" + hmacHex(SECRET, message));
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProxySignature(""));
        assertThatIllegalArgumentException().isThrownBy(() -> new ProxySignature(null));
    }

    @Test
    void toStringHidesTheSecret() {
        assertThat(proxy.toString()).doesNotContain(SECRET);
    }
}
