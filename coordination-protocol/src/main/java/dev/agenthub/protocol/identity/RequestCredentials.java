package dev.agenthub.protocol.identity;

/**
 * The credential headers of one request, as received (each null when absent).
 *
 * @param authorization {@code Authorization}
 * @param proxyAuth     {@code X-BH-Auth}
 * @param projectId     {@code X-Project-ID}
 * @param userId        {@code X-User-ID}
 * @param apiKeyId      {@code X-API-Key}
 * @param actorId       {@code X-Aweb-Actor-ID}
 */
public record RequestCredentials(String authorization, String proxyAuth, String projectId, String userId,
                                 String apiKeyId, String actorId) {

    /** A request carrying only an {@code Authorization} header (for embedders calling the use cases directly). */
    public static RequestCredentials bearer(String authorization) {
        return new RequestCredentials(authorization, null, null, null, null, null);
    }

    /** Never the credentials themselves. */
    @Override
    public String toString() {
        return "RequestCredentials[authorization=" + (authorization == null ? "absent" : "hidden")
                + ", proxyAuth=" + (proxyAuth == null ? "absent" : "hidden") + ", projectId=" + projectId
                + ", userId=" + userId + ", apiKeyId=" + apiKeyId + ", actorId=" + actorId + "]";
    }
}
