package dev.agenthub.persistence.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

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
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("PostgreSQL URL has no host");
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append('/').append(database);
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        return new PostgresUrl(jdbc.toString(), user, password);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    /** For logs: the JDBC URL, never the password. */
    @Override
    public String toString() {
        return jdbcUrl + (user == null ? "" : " (user " + user + ")");
    }
}
