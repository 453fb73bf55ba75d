package dev.agenthub.orchestration.forge;

import dev.agenthub.protocol.kernel.error.DomainError;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a project's {@code repo_url} into its forge coordinates (wire spec agenthub §10.1, §10.2). The host is not
 * checked. Every rejection is a string-detail 422.
 */
public final class ForgeRepos {

    public static final String EMPTY = "repo_url cannot be empty";

    private ForgeRepos() {
    }

    /**
     * {@code git@<host>:<owner>/<repo>[.git]} or {@code http(s)://<host>/<owner>/<repo>[.git]}, exactly two segments.
     *
     * @throws DomainError.Invalid {@code repo_url cannot be empty}; {@code Unsupported repository URL scheme `<s>`;
     *                             expected https:// or git@ URL}; {@code Repository URL must point to owner/repo: <url>}
     */
    public static ForgeRepo gitHub(String repoUrl) {
        String url = repoUrl == null ? "" : repoUrl.strip();
        List<String> segments = segments(url, false);
        if (segments.size() != 2) {
            throw new DomainError.Invalid("Repository URL must point to owner/repo: " + url);
        }
        String path = segments.get(0) + "/" + segments.get(1);
        return new ForgeRepo(path, segments.get(0), "repos/" + path);
    }

    /**
     * {@code git@<host>:<group>/…/<project>[.git]} or {@code http(s)://<host>/<group>/…/<project>[.git]}; the path is
     * cut at the first {@code /-/}, and at least two segments are needed.
     *
     * @throws DomainError.Invalid {@code repo_url cannot be empty}; the scheme error of {@link #gitHub};
     *                             {@code Repository URL must include group/project path: <url>}
     */
    public static ForgeRepo gitLab(String repoUrl) {
        String url = repoUrl == null ? "" : repoUrl.strip();
        List<String> segments = segments(url, true);
        if (segments.size() < 2) {
            throw new DomainError.Invalid("Repository URL must include group/project path: " + url);
        }
        String path = String.join("/", segments);
        return new ForgeRepo(path, segments.get(0), "projects/" + encodeComponent(path));
    }

    private static List<String> segments(String url, boolean cutAtDash) {
        if (url.isEmpty()) {
            throw new DomainError.Invalid(EMPTY);
        }
        String path;
        if (url.startsWith("git@")) {
            int colon = url.indexOf(':');
            path = colon < 0 ? "" : url.substring(colon + 1);
        } else {
            String scheme = scheme(url);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new DomainError.Invalid("Unsupported repository URL scheme `" + scheme
                        + "`; expected https:// or git@ URL");
            }
            path = urlPath(url);
        }
        if (cutAtDash) {
            int dash = path.indexOf("/-/");
            if (dash >= 0) {
                path = path.substring(0, dash);
            }
        }
        path = strip(path, '/');
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** The scheme as a URL parser sees it, lowercased; empty when the text has none. */
    private static String scheme(String url) {
        int colon = url.indexOf(':');
        if (colon <= 0) {
            return "";
        }
        String candidate = url.substring(0, colon);
        if (!Character.isLetter(candidate.charAt(0))) {
            return "";
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.') || c > 127) {
                return "";
            }
        }
        return candidate.toLowerCase(Locale.ROOT);
    }

    /** The path of an http(s) URL without query or fragment. */
    private static String urlPath(String url) {
        try {
            String raw = new URI(url).getRawPath();
            if (raw != null) {
                return raw;
            }
        } catch (URISyntaxException e) {
            // fall through to the lenient split below
        }
        String rest = url.substring(url.indexOf("://") < 0 ? url.indexOf(':') + 1 : url.indexOf("://") + 3);
        int end = rest.length();
        for (char c : new char[]{'?', '#'}) {
            int at = rest.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        rest = rest.substring(0, end);
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(slash);
    }

    private static String strip(String text, char c) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == c) {
            start++;
        }
        while (end > start && text.charAt(end - 1) == c) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * Percent-encodes {@code text} as one URL path component: every byte of its UTF-8 form except the unreserved
     * {@code A-Z a-z 0-9 - . _ ~}, so {@code /} becomes {@code %2F}.
     */
    public static String encodeComponent(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
