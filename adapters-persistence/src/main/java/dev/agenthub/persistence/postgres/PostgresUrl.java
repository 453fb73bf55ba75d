package dev.agenthub.persistence.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A PostgreSQL connection target parsed from either spelling users bring: a JDBC URL
 * ({@code jdbc:postgresql://host:5432/db?user=…}) or a libpq/SQLAlchemy-style URL
 * ({@code postgresql://user:pass@host:5432/db}, {@code postgres://…}, {@code postgresql+asyncpg://…}),
 * the form beadhub deployments already have in {@code DATABASE_URL}.
 *
 * @param jdbcUrl  the JDBC URL without credentials in the authority
 * @param user     user name, or null to let the driver decide (e.g. from the JDBC query string)
 * @param password password, or null
 */
public record PostgresUrl(String jdbcUrl, String user, String password) {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");

    public PostgresUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /**
     * Parses a database URL.
     *
     * @throws IllegalArgumentException with a reason fit for a configuration error, for anything that
     *                                  is not a PostgreSQL URL
     */
    public static PostgresUrl parse(String url) {
        String text = url == null ? "" : url.strip();
        if (text.startsWith("jdbc:postgresql:")) {
            return new PostgresUrl(text, null, null);
        }
        int schemeEnd = text.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : text.substring(0, schemeEnd);
        if (!(scheme.equals("postgresql") || scheme.equals("postgres") || scheme.startsWith("postgresql+"))) {
            throw new IllegalArgumentException("not a PostgreSQL URL (expected postgresql://user:password@host:port/database"
                    + " or jdbc:postgresql://...)");
        }
        URI uri;
        try {
            uri = new URI("postgresql" + text.substring(schemeEnd));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed PostgreSQL URL: " + e.getReason());
        }
        // Split the authority by hand: java.net.URI leaves the host null for names libpq accepts, such as
        // Docker Compose service names with underscores.
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("PostgreSQL URL has no host");
        }
        int at = authority.lastIndexOf('@');
        String userInfo = at >= 0 ? authority.substring(0, at) : null;
        String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
        if (hostPort.isEmpty() || hostPort.startsWith(":")) {
            throw new IllegalArgumentException("PostgreSQL URL has no host");
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(hostPort).append('/').append(database);
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        String user = null;
        String password = null;
        if (userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        return new PostgresUrl(jdbc.toString(), user, password);
    }

    /** Percent-decoding only: in a URL's user info a '+' is a literal plus, not a space. */
    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** For logs: the JDBC URL, never the password. */
    @Override
    public String toString() {
        String masked = PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
        return masked + (user == null ? "" : " (user " + user + ")");
    }
}
