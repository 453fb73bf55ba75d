package dev.agenthub.orchestration.providers.port;

import java.util.Optional;

/**
 * Port: the providers a hub can run, by the name a request or {@code AGENT_HUB_PROVIDER} gives (wire spec agenthub
 * §7.3). The shipped implementation applies the aliases and fallback rules of §7.3; a host may supply its own.
 */
public interface ProviderCatalog {

    /**
     * The provider for {@code requested} (trimmed and lowercased by the implementation), or the configured default
     * when it is empty or blank.
     *
     * @throws UnsupportedProvider with the wire message {@code Unsupported provider `<name>`}, or the initialisation
     *                             error when fallback is off
     */
    ChangeProvider select(Optional<String> requested);

    /** The requested provider cannot be used; the message is the 422 detail of §7.3. */
    final class UnsupportedProvider extends RuntimeException {
        public UnsupportedProvider(String message) {
            super(message);
        }
    }
}
