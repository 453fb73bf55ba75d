package dev.agenthub.server;

import dev.agenthub.orchestration.access.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The production fail-fast of wire spec agenthub §12: with {@code AGENT_HUB_APP_ENV=production} the hub refuses to
 * start when any rule below is violated, and names every violated setting at once. One line per rule, numbered as
 * in the spec.
 *
 * <p>Ours, after 14: the API console's env prefill ({@code AGENT_HUB_UI_ENV_PREFILL_ENABLED}, which hands out the
 * first API key) stays off in production (§11.3).
 *
 * <p>Item 10 (ours, stricter): the URL must be PostgreSQL (HubConfig refuses other schemes anyway), and an unset
 * {@code DATABASE_URL} (the embedded development database) is refused in production too. Item 14 (ours): an
 * {@code API_KEYS} entry whose text after the last {@code :} is a word of letters only but not exactly
 * {@code viewer}, {@code maintainer} or {@code admin} (e.g. {@code key:superuser}, {@code key:Admin}) is refused:
 * outside production such an entry is a bare key containing a colon (§14 D4), which is almost always a mistyped role.
 */
final class ProductionChecks {

    private static final Pattern ROLE_LIKE = Pattern.compile("[A-Za-z]+");
    private static final String PLACEHOLDER = "replace-with";

    private ProductionChecks() {
    }

    /**
     * @param raw the configured text of a variable by name (trimmed; empty when unset)
     * @return one message per violated rule, each naming its setting; empty when the config may start in production
     */
    static List<String> violations(HubConfig config, Function<String, String> raw) {
        List<String> v = new ArrayList<>();
        var access = config.access();
        rule(v, !access.requireApiKey(), "AGENT_HUB_REQUIRE_API_KEY must be enabled in production");                 // 1
        rule(v, access.keys().isEmpty(), "AGENT_HUB_API_KEYS must have at least one entry in production");           // 2
        rule(v, !access.requireRoles(), "AGENT_HUB_AUTH_REQUIRE_ROLES must be enabled in production");               // 3
        rule(v, !access.requireReads(), "AGENT_HUB_AUTH_REQUIRE_READS must be enabled in production");               // 4
        rule(v, access.jwtSecret().orElse("").strip().length() < HubConfig.MIN_JWT_SECRET_LENGTH,
                "AGENT_HUB_JWT_SECRET must be at least " + HubConfig.MIN_JWT_SECRET_LENGTH + " characters in production"); // 5
        rule(v, config.allowLocalRepoPaths(), "AGENT_HUB_ALLOW_LOCAL_REPO_PATHS must be disabled in production");     // 6
        rule(v, config.webhooks().secret().isEmpty(),
                "AGENT_HUB_GITHUB_WEBHOOK_SECRET must be set in production");                                       // 7
        rule(v, !config.metrics().requireToken(), "AGENT_HUB_METRICS_REQUIRE_TOKEN must be enabled in production"); // 8
        rule(v, config.metrics().bearerToken().orElse("").length() < MetricsSettings.MIN_TOKEN_LENGTH,
                "AGENT_HUB_METRICS_BEARER_TOKEN must be at least " + MetricsSettings.MIN_TOKEN_LENGTH
                        + " characters in production");                                                              // 9
        rule(v, config.databaseUrl().isEmpty(),
                "AGENT_HUB_DATABASE_URL must name a PostgreSQL database in production (the embedded one is for development)"); // 10
        rule(v, !config.validation().required(), "AGENT_HUB_REQUIRE_TEST_CMD must be enabled in production");         // 11
        for (String name : List.of("AGENT_HUB_API_KEYS", "AGENT_HUB_JWT_SECRET", "AGENT_HUB_GITHUB_WEBHOOK_SECRET",
                "AGENT_HUB_METRICS_BEARER_TOKEN", "AGENT_HUB_DATABASE_URL")) {                                                                       // 12
            rule(v, raw.apply(name).toLowerCase(Locale.ROOT).contains(PLACEHOLDER),
                    name + " still contains the placeholder '" + PLACEHOLDER + "'");
        }
        rule(v, config.rateLimit().trustProxyHeaders() && config.rateLimit().trustedProxies().isEmpty(),
                "AGENT_HUB_RATE_LIMIT_TRUST_PROXY_HEADERS is enabled but AGENT_HUB_TRUSTED_PROXY_IPS is empty");    // 13
        mistypedRole(raw.apply("AGENT_HUB_API_KEYS")).ifPresent(suffix -> v.add(
                "AGENT_HUB_API_KEYS has an entry with role suffix '" + suffix + "', which is not viewer, maintainer or admin")); // 14
        rule(v, config.console().uiEnvPrefillEnabled(),
                "AGENT_HUB_UI_ENV_PREFILL_ENABLED must be disabled in production");                                  // ours
        return v;
    }

    private static void rule(List<String> violations, boolean violated, String message) {
        if (violated) {
            violations.add(message);
        }
    }

    /** Rule 14: the first role-like suffix that is not a role, never showing the key itself. */
    static Optional<String> mistypedRole(String apiKeys) {
        for (String raw : apiKeys.split(",", -1)) {
            String entry = raw.strip();
            int colon = entry.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            String suffix = entry.substring(colon + 1);
            if (ROLE_LIKE.matcher(suffix).matches() && Role.fromWireName(suffix).isEmpty()) {
                return Optional.of(suffix);
            }
        }
        return Optional.empty();
    }
}
