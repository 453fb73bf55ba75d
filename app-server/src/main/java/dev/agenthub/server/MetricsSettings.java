package dev.agenthub.server;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code /metrics} token gate (wire spec agenthub §11.2, §12).
 *
 * @param requireToken {@code AGENT_HUB_METRICS_REQUIRE_TOKEN} (default off)
 * @param bearerToken  {@code AGENT_HUB_METRICS_BEARER_TOKEN}, trimmed; empty when unset. A token shorter than
 *                     {@value #MIN_TOKEN_LENGTH} characters is accepted here (the spec answers 500 per scrape, and
 *                     production refuses to start with it)
 */
public record MetricsSettings(boolean requireToken, Optional<String> bearerToken) {

    public static final int MIN_TOKEN_LENGTH = 24;

    public MetricsSettings {
        Objects.requireNonNull(bearerToken, "bearerToken");
    }

    public static MetricsSettings defaults() {
        return new MetricsSettings(false, Optional.empty());
    }

    static MetricsSettings parse(HubConfig.Reader reader) {
        boolean require = reader.flag("AGENT_HUB_METRICS_REQUIRE_TOKEN");
        Optional<String> token = reader.optional(String::strip, "AGENT_HUB_METRICS_BEARER_TOKEN");
        return new MetricsSettings(require, token);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "MetricsSettings[requireToken=" + requireToken + ", token=" + (bearerToken.isPresent() ? "set" : "unset") + "]";
    }
}
