package dev.agenthub.orchestration.forge;

import java.util.Objects;

/**
 * Where a project lives on a forge, parsed from its {@code repo_url} by {@link ForgeRepos}.
 *
 * @param path    {@code owner/repo} on GitHub, the (unencoded) {@code group/…/project} path on GitLab
 * @param owner   the first segment (GitHub's {@code head=<owner>:<branch>} qualifier)
 * @param apiPath the API resource prefix relative to the base URL: {@code repos/<owner>/<repo>} or
 *                {@code projects/<path percent-encoded as one component>}
 */
public record ForgeRepo(String path, String owner, String apiPath) {

    public ForgeRepo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(apiPath, "apiPath");
    }

    /** The second segment of a GitHub {@code owner/repo} path (the whole rest of the path on GitLab). */
    public String name() {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
