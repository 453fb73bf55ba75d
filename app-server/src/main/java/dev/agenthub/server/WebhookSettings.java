package dev.agenthub.server;

import dev.agenthub.orchestration.webhooks.GitHubWebhookOptions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The GitHub webhook settings (wire spec agenthub §9, §12, §14 D5).
 *
 * @param secret               {@code AGENT_HUB_GITHUB_WEBHOOK_SECRET}, trimmed; empty (the default) turns the
 *                             signature check off. Never printed.
 * @param autoEnqueue          {@code AGENT_HUB_GITHUB_WEBHOOK_AUTO_ENQUEUE}: an opened issue also enqueues a job
 *                             (default off)
 * @param maxPayloadBytes      {@code AGENT_HUB_GITHUB_WEBHOOK_MAX_PAYLOAD_BYTES} (default 1000000, 1024..20000000)
 * @param agentRunAssociations {@code AGENT_HUB_WEBHOOK_AGENT_RUN_ASSOCIATIONS}: a comma list of the
 *                             {@code author_association} values whose {@code /agent run} comments are honoured,
 *                             uppercased (default {@code OWNER,MEMBER,COLLABORATOR}; compared ignoring case)
 */
public record WebhookSettings(Optional<String> secret, boolean autoEnqueue, long maxPayloadBytes,
                              Set<String> agentRunAssociations) {

    public static final String DEFAULT_ASSOCIATIONS = "OWNER,MEMBER,COLLABORATOR";

    public WebhookSettings {
        Objects.requireNonNull(secret, "secret");
        secret = secret.map(String::strip).filter(s -> !s.isEmpty());
        agentRunAssociations = Set.copyOf(agentRunAssociations);
    }

    public static WebhookSettings defaults() {
        return new WebhookSettings(Optional.empty(), false, GitHubWebhookOptions.DEFAULT_MAX_PAYLOAD_BYTES,
                GitHubWebhookOptions.DEFAULT_ASSOCIATIONS);
    }

    /**
     * Parses the association list: comma-separated, each entry trimmed and uppercased, empty entries skipped.
     *
     * @throws IllegalArgumentException when no entry is left, or an entry is not letters and underscores
     */
    static Set<String> associations(String text) {
        Set<String> out = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        for (String entry : text.split(",")) {
            String value = entry.strip().toUpperCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            if (!value.matches("[A-Z_]+")) {
                bad.add(entry.strip());
            }
            out.add(value);
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("entries must be author_association values such as OWNER, got " + bad);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("must name at least one author_association, e.g. " + DEFAULT_ASSOCIATIONS);
        }
        return out;
    }

    /** The use case's view of these settings. */
    public GitHubWebhookOptions options() {
        return new GitHubWebhookOptions(secret, autoEnqueue, maxPayloadBytes, agentRunAssociations);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "WebhookSettings[secret=" + (secret.isPresent() ? "***" : "unset") + ", autoEnqueue=" + autoEnqueue
                + ", maxPayloadBytes=" + maxPayloadBytes + ", agentRunAssociations=" + agentRunAssociations + "]";
    }
}
