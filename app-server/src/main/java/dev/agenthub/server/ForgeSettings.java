package dev.agenthub.server;

import dev.agenthub.http.outbound.github.GitHubRestClient;
import dev.agenthub.http.outbound.gitlab.GitLabRestClient;

import java.net.URI;
import java.util.Objects;

/**
 * The forge API settings of the PR sync (wire spec agenthub §10, §12). The tokens are not here: they are the
 * {@code GITHUB_TOKEN} and {@code GITLAB_TOKEN} already read for git push credentials ({@code JGitSettings}), and the
 * wiring passes those.
 *
 * @param githubBaseUrl {@code GITHUB_API_BASE_URL} (or {@code AGENT_HUB_GITHUB_API_BASE_URL}, which wins; default
 *                      {@code https://api.github.com}); an absolute http(s) URL, a path prefix such as GitHub
 *                      Enterprise's {@code /api/v3} is kept
 * @param gitlabBaseUrl {@code GITLAB_API_BASE_URL} (or {@code AGENT_HUB_GITLAB_API_BASE_URL}; default
 *                      {@code https://gitlab.com/api/v4}), for self-hosted GitLab
 */
public record ForgeSettings(URI githubBaseUrl, URI gitlabBaseUrl) {

    public static final String GITHUB_VARIABLE = "GITHUB_API_BASE_URL";
    public static final String GITLAB_VARIABLE = "GITLAB_API_BASE_URL";

    public ForgeSettings {
        Objects.requireNonNull(githubBaseUrl, "githubBaseUrl");
        Objects.requireNonNull(gitlabBaseUrl, "gitlabBaseUrl");
    }

    /** The public GitHub and GitLab APIs. */
    public static ForgeSettings defaults() {
        return new ForgeSettings(URI.create(GitHubRestClient.DEFAULT_BASE_URL),
                URI.create(GitLabRestClient.DEFAULT_BASE_URL));
    }

    /**
     * Parses a base URL: an absolute http(s) URL with a host and no query or fragment.
     *
     * @throws IllegalArgumentException naming what is wrong (the config reader prefixes the variable)
     */
    static URI baseUrl(String text) {
        URI uri = ProviderSettings.httpUrl(text);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a base URL takes no query or fragment");
        }
        return uri;
    }
}
