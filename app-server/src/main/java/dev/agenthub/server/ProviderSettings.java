package dev.agenthub.server;

import dev.agenthub.http.outbound.openai.OpenAiChatProvider;
import dev.agenthub.http.outbound.openai.OpenAiSettings;
import dev.agenthub.orchestration.providers.Providers;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider settings (wire spec agenthub §7, §12).
 *
 * @param provider      {@code AGENT_HUB_PROVIDER}: the default provider, trimmed and lowercased ({@code rule_based},
 *                      {@code rule-based}, {@code default} or {@code openai}; default {@code rule_based})
 * @param fallback      {@code AGENT_HUB_PROVIDER_FALLBACK}: use {@code rule_based} when OpenAI cannot be
 *                      initialised (default on)
 * @param openAiModel   {@code AGENT_HUB_OPENAI_MODEL} (default {@code gpt-4.1-mini})
 * @param openAiTimeout {@code AGENT_HUB_OPENAI_TIMEOUT_SEC} (default 45, 1..3600)
 * @param openAiBaseUrl {@code AGENT_HUB_OPENAI_BASE_URL} (ours; default {@code https://api.openai.com/v1}), an
 *                      absolute http(s) URL, so any OpenAI-compatible server can be used
 * @param openAiApiKey  {@code OPENAI_API_KEY} (unprefixed); never printed
 */
public record ProviderSettings(String provider, boolean fallback, String openAiModel, Duration openAiTimeout,
                               URI openAiBaseUrl, Optional<String> openAiApiKey) {

    public static final List<String> PROVIDER_NAMES = List.of("rule_based", "rule-based", "default", "openai");

    public ProviderSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(openAiModel, "openAiModel");
        Objects.requireNonNull(openAiTimeout, "openAiTimeout");
        Objects.requireNonNull(openAiBaseUrl, "openAiBaseUrl");
        Objects.requireNonNull(openAiApiKey, "openAiApiKey");
    }

    /** The defaults of §12, without an OpenAI key. */
    public static ProviderSettings defaults() {
        return new ProviderSettings("rule_based", true, OpenAiSettings.DEFAULT_MODEL, OpenAiSettings.DEFAULT_TIMEOUT,
                URI.create(OpenAiSettings.DEFAULT_BASE_URL), Optional.empty());
    }

    /**
     * The catalog of §7.3 built from these settings: {@code rule_based}, and {@code openai} when a key is set (its
     * initialisation error otherwise).
     */
    public Providers catalog() {
        return new Providers(provider, fallback, () -> new OpenAiChatProvider(
                new OpenAiSettings(openAiBaseUrl, openAiApiKey.orElse(""), openAiModel, openAiTimeout)), List.of());
    }

    static URI httpUrl(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected an absolute http:// or https:// URL");
        }
        return uri;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ProviderSettings[provider=" + provider + ", fallback=" + fallback + ", openAiModel=" + openAiModel
                + ", openAiTimeout=" + openAiTimeout + ", openAiBaseUrl=" + openAiBaseUrl
                + ", openAiApiKey=" + (openAiApiKey.isPresent() ? "***" : "unset") + "]";
    }
}
