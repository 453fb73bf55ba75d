package dev.agenthub.hub.repos;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A git origin in canonical {@code host/path} form, the identity of a repo inside a project: the scp form
 * {@code git@github.com:org/repo.git}, {@code https://github.com/org/repo.git} and
 * {@code ssh://git@github.com:22/org/repo.git} all become {@code github.com/org/repo}.
 */
public record CanonicalOrigin(String value) {

    /** Longest canonical origin accepted. */
    public static final int MAX_LENGTH = 255;

    private static final Pattern FORMAT =
            Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$");
    private static final Pattern SCP_FORM = Pattern.compile("^git@([^:/\\s]+):(.+)$");

    public CanonicalOrigin {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not a canonical origin: " + value);
        }
    }

    /** Whether {@code text} already is a canonical origin (≤255 characters of {@code host/path} segments). */
    public static boolean isWellFormed(String text) {
        return text != null && text.length() <= MAX_LENGTH && FORMAT.matcher(text).matches();
    }

    /** The repo's name: the last path segment. */
    public String name() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    /** Canonicalises an origin URL as given by a client; a rejection carries the reason clients see. */
    public static Outcome canonicalize(String originUrl) {
        String input = originUrl == null ? "" : originUrl.strip();
        if (input.isEmpty()) {
            return new Outcome.Rejected("Empty origin URL");
        }
        String host;
        String path;
        var scp = SCP_FORM.matcher(input);
        if (scp.matches()) {
            host = scp.group(1);
            path = scp.group(2);
        } else {
            try {
                URI uri = new URI(input);
                host = hostOf(uri);
                if (uri.getScheme() == null || host == null || host.isEmpty()) {
                    return new Outcome.Rejected("Invalid git URL: " + input);
                }
                path = uri.getPath() == null ? "" : uri.getPath();
            } catch (URISyntaxException e) {
                return new Outcome.Rejected("Invalid git URL: " + input);
            }
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - ".git".length());
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            return new Outcome.Rejected("Invalid git URL (no path): " + input);
        }
        String canonical = host + "/" + path;
        if (!isWellFormed(canonical)) {
            return new Outcome.Rejected("Invalid git URL: " + input);
        }
        return new Outcome.Canonical(new CanonicalOrigin(canonical));
    }

    /** The host without userinfo or port, also for authorities {@link URI#getHost()} will not parse. */
    private static String hostOf(URI uri) {
        if (uri.getHost() != null) {
            return uri.getHost();
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return null;
        }
        int at = authority.lastIndexOf('@');
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
        int colon = hostPort.lastIndexOf(':');
        return colon >= 0 ? hostPort.substring(0, colon) : hostPort;
    }

    @Override
    public String toString() {
        return value;
    }

    /** The result of {@link #canonicalize}. */
    public sealed interface Outcome {
        record Canonical(CanonicalOrigin origin) implements Outcome {
        }

        record Rejected(String reason) implements Outcome {
        }
    }
}
