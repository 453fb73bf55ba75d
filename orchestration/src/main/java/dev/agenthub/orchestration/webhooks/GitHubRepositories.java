package dev.agenthub.orchestration.webhooks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The repository keys of wire spec agenthub §9.4: a GitHub identity ({@code "owner/repo"}, lowercased, {@code .git}
 * removed) parsed from a locator, and the normalised locator of the fallback comparison. Pure functions; the same
 * code computes a project's stored keys and a payload's candidates, so both sides always agree.
 */
public final class GitHubRepositories {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private GitHubRepositories() {
    }

    /**
     * The canonical identity of a locator: an http(s) URL whose path has exactly two non-empty segments,
     * {@code git@host:owner/repo}, or {@code <scheme>://api.github.com/repos/<owner>/<repo>/…}. The owner and the
     * repository are trimmed, one {@code .git} suffix is removed from the repository, and the pair is canonicalised
     * (trimmed, a further {@code .git} suffix removed, lowercased). Empty for anything else, including a blank value.
     */
    public static Optional<String> identityOfLocator(String locator) {
        return ownerRepo(locator).map(pair -> canonical(pair[0], pair[1]));
    }

    /** {@code owner/repo} canonicalised: each trimmed, {@code .git} removed from the repo, both lowercased. */
    public static String canonical(String owner, String repo) {
        return owner.strip().toLowerCase(Locale.ROOT) + "/"
                + removeGitSuffix(repo.strip()).toLowerCase(Locale.ROOT);
    }

    /** The fallback form of a locator: trimmed, lowercased, trailing {@code /} removed, then one {@code .git}. */
    public static String normaliseLocator(String locator) {
        String value = locator == null ? "" : locator.strip().toLowerCase(Locale.ROOT);
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '/') {
            end--;
        }
        return removeGitSuffix(value.substring(0, end));
    }

    /**
     * The candidate identities of a payload's repository (§9.4 step 1): {@code full_name} split at its first
     * {@code /}, {@code owner.login} with {@code name}, and the four URLs parsed as locators; without duplicates, in
     * that order.
     */
    public static Set<String> candidateIdentities(WebhookPayloads.Repository repository) {
        Set<String> identities = new LinkedHashSet<>();
        String fullName = repository.fullName();
        if (fullName != null) {
            int slash = fullName.indexOf('/');
            if (slash > 0 && slash < fullName.length() - 1) {
                identities.add(canonical(fullName.substring(0, slash), fullName.substring(slash + 1)));
            }
        }
        if (notEmpty(repository.ownerLogin()) && notEmpty(repository.name())) {
            identities.add(canonical(repository.ownerLogin(), repository.name()));
        }
        for (String url : repository.urls()) {
            identityOfLocator(url).ifPresent(identities::add);
        }
        return identities;
    }

    /** The normalised forms of the payload's non-empty URLs (§9.4 step 3). */
    public static Set<String> candidateLocators(WebhookPayloads.Repository repository) {
        Set<String> locators = new LinkedHashSet<>();
        for (String url : repository.urls()) {
            if (notEmpty(url)) {
                locators.add(normaliseLocator(url));
            }
        }
        return locators;
    }

    private static Optional<String[]> ownerRepo(String locator) {
        String raw = locator == null ? "" : locator.strip();
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String owner;
        String repo;
        List<String> parts;
        if (raw.startsWith("git@")) {
            int colon = raw.indexOf(':');
            parts = colon < 0 ? List.of() : segments(raw.substring(colon + 1));
            if (parts.size() != 2) {
                return Optional.empty();
            }
            owner = parts.get(0);
            repo = removeGitSuffix(parts.get(1));
        } else {
            Url url = Url.parse(raw);
            parts = segments(url.path());
            boolean web = url.scheme().equals("http") || url.scheme().equals("https");
            if (web && parts.size() == 2 && !removeGitSuffix(parts.get(1)).isEmpty()) {
                owner = parts.get(0);
                repo = removeGitSuffix(parts.get(1));
            } else if (url.host().strip().toLowerCase(Locale.ROOT).equals("api.github.com") && parts.size() >= 3
                    && parts.get(0).toLowerCase(Locale.ROOT).equals("repos")) {
                owner = parts.get(1);
                repo = parts.get(2);
            } else {
                return Optional.empty();
            }
        }
        owner = owner.strip();
        repo = removeGitSuffix(repo.strip());
        if (owner.isEmpty() || repo.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new String[] {owner, repo});
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                out.add(segment);
            }
        }
        return out;
    }

    private static String removeGitSuffix(String value) {
        return value.endsWith(".git") ? value.substring(0, value.length() - 4) : value;
    }

    private static boolean notEmpty(String value) {
        return value != null && !value.isEmpty();
    }

    /** The parts of a URL the rules read: lowercased scheme, host (network location) and path. */
    private record Url(String scheme, String host, String path) {

        static Url parse(String text) {
            String rest = text;
            String scheme = "";
            var matcher = SCHEME.matcher(text);
            if (matcher.find()) {
                scheme = text.substring(0, matcher.end() - 1).toLowerCase(Locale.ROOT);
                rest = text.substring(matcher.end());
            }
            int cut = indexOfAny(rest, "?#");
            if (cut >= 0) {
                rest = rest.substring(0, cut);
            }
            String host = "";
            if (rest.startsWith("//")) {
                int slash = rest.indexOf('/', 2);
                host = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
                rest = slash < 0 ? "" : rest.substring(slash);
            }
            return new Url(scheme, host, rest);
        }

        private static int indexOfAny(String text, String chars) {
            for (int i = 0; i < text.length(); i++) {
                if (chars.indexOf(text.charAt(i)) >= 0) {
                    return i;
                }
            }
            return -1;
        }
    }
}
