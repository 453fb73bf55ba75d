package dev.agenthub.orchestration.webhooks;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the webhook is configured with (wire spec agenthub §9, §12, §14 D5).
 *
 * @param secret                the signing secret, trimmed; empty means no signature check
 * @param autoEnqueue           whether an opened issue also enqueues a job
 * @param maxPayloadBytes       the largest body processed (1024..20,000,000)
 * @param agentRunAssociations  the {@code author_association} values allowed to use {@code /agent run}, uppercased
 */
public record GitHubWebhookOptions(Optional<String> secret, boolean autoEnqueue, long maxPayloadBytes,
                                   Set<String> agentRunAssociations) {

    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 1_000_000;
    public static final long MIN_MAX_PAYLOAD_BYTES = 1024;
    public static final long MAX_MAX_PAYLOAD_BYTES = 20_000_000;
    public static final Set<String> DEFAULT_ASSOCIATIONS = Set.of("OWNER", "MEMBER", "COLLABORATOR");

    public GitHubWebhookOptions {
        Objects.requireNonNull(secret, "secret");
        secret = secret.map(String::strip).filter(s -> !s.isEmpty());
        if (maxPayloadBytes < MIN_MAX_PAYLOAD_BYTES || maxPayloadBytes > MAX_MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("maxPayloadBytes must be 1024..20000000: " + maxPayloadBytes);
        }
        Set<String> upper = new LinkedHashSet<>();
        agentRunAssociations.forEach(a -> upper.add(a.strip().toUpperCase(Locale.ROOT)));
        agentRunAssociations = Set.copyOf(upper);
    }

    /** No secret, no auto-enqueue, 1,000,000 bytes, {@code OWNER, MEMBER, COLLABORATOR}. */
    public static GitHubWebhookOptions defaults() {
        return new GitHubWebhookOptions(Optional.empty(), false, DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_ASSOCIATIONS);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "GitHubWebhookOptions[secret=" + (secret.isPresent() ? "***" : "unset") + ", autoEnqueue=" + autoEnqueue
                + ", maxPayloadBytes=" + maxPayloadBytes + ", agentRunAssociations=" + agentRunAssociations + "]";
    }
}
