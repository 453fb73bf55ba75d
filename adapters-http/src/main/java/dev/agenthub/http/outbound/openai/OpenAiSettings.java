package dev.agenthub.http.outbound.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach an OpenAI-compatible chat-completions endpoint (wire spec agenthub §7.2).
 *
 * @param baseUrl the API root, {@code <base>/chat/completions} being called ({@code AGENT_HUB_OPENAI_BASE_URL},
 *                default {@value #DEFAULT_BASE_URL}); a trailing {@code /} is dropped
 * @param apiKey  the bearer token ({@code OPENAI_API_KEY}); never printed
 * @param model   {@code AGENT_HUB_OPENAI_MODEL}, default {@value #DEFAULT_MODEL}
 * @param timeout the limit of one call, connection included ({@code AGENT_HUB_OPENAI_TIMEOUT_SEC}, default 45 s)
 */
public record OpenAiSettings(URI baseUrl, String apiKey, String model, Duration timeout) {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_MODEL = "gpt-4.1-mini";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(45);

    /**
     * @throws IllegalArgumentException when the key is blank, the URL is not absolute http(s), the model is blank or
     *                                  the timeout is not positive
     */
    public OpenAiSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("The OpenAI base URL must be an absolute http(s) URL");
        }
        String text = baseUrl.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        baseUrl = URI.create(text);
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("OpenAI provider is not configured: OPENAI_API_KEY is unset");
        }
        apiKey = apiKey.strip();
        if (model.isBlank()) {
            throw new IllegalArgumentException("The OpenAI model is blank");
        }
        model = model.strip();
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("The OpenAI timeout must be positive");
        }
    }

    /** The defaults of §7.2 with {@code apiKey}. */
    public static OpenAiSettings withKey(String apiKey) {
        return new OpenAiSettings(URI.create(DEFAULT_BASE_URL), apiKey, DEFAULT_MODEL, DEFAULT_TIMEOUT);
    }

    URI chatCompletions() {
        return URI.create(baseUrl + "/chat/completions");
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "OpenAiSettings[baseUrl=" + baseUrl + ", model=" + model + ", timeout=" + timeout + ", apiKey=***]";
    }
}
