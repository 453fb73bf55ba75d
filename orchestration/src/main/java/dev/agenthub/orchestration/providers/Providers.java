package dev.agenthub.orchestration.providers;

import dev.agenthub.orchestration.providers.port.ChangeProvider;
import dev.agenthub.orchestration.providers.port.ProviderCatalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The shipped {@link ProviderCatalog} (wire spec agenthub §7.3).
 *
 * <ul>
 *   <li>The name is the request's, else the configured default; trimmed and lowercased.</li>
 *   <li>{@code rule_based}, {@code rule-based} and {@code default} select {@link RuleBasedProvider}.</li>
 *   <li>{@code openai} selects the OpenAI provider wrapped in {@link FallbackProvider#openAi} (every synthesis or
 *       review error falls back to {@code rule_based}, §7.2). When it could not be initialised, {@code rule_based}
 *       is used if fallback is on; otherwise {@link UnsupportedProvider} carries the initialisation error.</li>
 *   <li>The plug-in point: extra providers registered under their {@link ChangeProvider#name()} (lowercased),
 *       returned as they are. They cannot take a built-in name.</li>
 *   <li>Any other name: {@code Unsupported provider `<name>`}.</li>
 * </ul>
 *
 * The OpenAI supplier is called once, in the constructor; its exception message is the initialisation error.
 * Immutable and safe for concurrent use.
 */
public final class Providers implements ProviderCatalog {

    public static final String OPENAI = "openai";
    private static final Set<String> RULE_BASED_NAMES = Set.of("rule_based", "rule-based", "default");

    private final String defaultName;
    private final boolean fallback;
    private final ChangeProvider ruleBased = new RuleBasedProvider();
    private final Optional<ChangeProvider> openAi;
    private final String openAiError;
    private final Map<String, ChangeProvider> plugins;

    /**
     * @param defaultName the configured default ({@code AGENT_HUB_PROVIDER})
     * @param fallback    {@code AGENT_HUB_PROVIDER_FALLBACK}: use {@code rule_based} when OpenAI cannot be initialised
     * @param openAi      builds the OpenAI provider; throws when it is not configured (the message says why)
     * @param plugins     further providers, selected by their name
     * @throws IllegalArgumentException when a plugin takes a built-in name or two share one
     */
    public Providers(String defaultName, boolean fallback, Supplier<? extends ChangeProvider> openAi,
                     List<? extends ChangeProvider> plugins) {
        this.defaultName = Objects.requireNonNull(defaultName, "defaultName");
        this.fallback = fallback;
        ChangeProvider built = null;
        String error = null;
        try {
            built = Objects.requireNonNull(openAi.get(), "the OpenAI supplier returned null");
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        this.openAi = Optional.ofNullable(built).map(provider -> FallbackProvider.openAi(provider, ruleBased));
        this.openAiError = error;
        Map<String, ChangeProvider> byName = new LinkedHashMap<>();
        for (ChangeProvider plugin : plugins) {
            String name = normalise(plugin.name());
            if (RULE_BASED_NAMES.contains(name) || name.equals(OPENAI) || name.isEmpty()) {
                throw new IllegalArgumentException("A provider plug-in cannot be named `" + name + "`");
            }
            if (byName.putIfAbsent(name, plugin) != null) {
                throw new IllegalArgumentException("Two provider plug-ins are named `" + name + "`");
            }
        }
        this.plugins = Map.copyOf(byName);
    }

    /** Only {@code rule_based} and the plug-ins: OpenAI is not configured. */
    public static Providers withoutOpenAi(String defaultName, boolean fallback) {
        return new Providers(defaultName, fallback, () -> {
            throw new IllegalStateException("OpenAI provider is not configured: OPENAI_API_KEY is unset");
        }, List.of());
    }

    @Override
    public ChangeProvider select(Optional<String> requested) {
        String name = normalise(requested.filter(text -> !text.isBlank()).orElse(defaultName));
        if (RULE_BASED_NAMES.contains(name)) {
            return ruleBased;
        }
        if (name.equals(OPENAI)) {
            if (openAi.isPresent()) {
                return openAi.get();
            }
            if (fallback) {
                return ruleBased;
            }
            throw new UnsupportedProvider(openAiError);
        }
        ChangeProvider plugin = plugins.get(name);
        if (plugin != null) {
            return plugin;
        }
        throw new UnsupportedProvider("Unsupported provider `" + name + "`");
    }

    private static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
