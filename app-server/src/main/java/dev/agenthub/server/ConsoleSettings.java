package dev.agenthub.server;

/**
 * The API console (wire spec §11.3).
 *
 * @param uiEnvPrefillEnabled {@code AGENT_HUB_UI_ENV_PREFILL_ENABLED} (default off): {@code GET /ui/prefill} answers
 *                            loopback clients with the base URL, the first configured API key and the gates; off, it
 *                            answers 404 {@code UI env prefill is disabled}. Must stay off in production.
 */
public record ConsoleSettings(boolean uiEnvPrefillEnabled) {

    public static ConsoleSettings defaults() {
        return new ConsoleSettings(false);
    }
}
