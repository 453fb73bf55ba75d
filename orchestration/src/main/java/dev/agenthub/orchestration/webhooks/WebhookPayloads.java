package dev.agenthub.orchestration.webhooks;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the fields of wire spec agenthub §9.3 out of a decoded payload: a JSON object as a {@code Map} of
 * {@code String}, {@code Number}, {@code Boolean}, {@code List}, {@code Map} and null values. The rules follow the
 * reference's lax models: unknown keys are ignored; a field declared as text must be a string (or null where it is
 * optional); {@code issue.number} is an integer (a JSON integer, an integral number such as {@code 7.0}, or a
 * string of digits) of at least 1. Anything else makes the payload invalid (empty result).
 */
public final class WebhookPayloads {

    private static final Pattern DIGITS = Pattern.compile("[+-]?\\d+");

    private WebhookPayloads() {
    }

    /** The {@code repository} fields of §9.4; any may be null. */
    public record Repository(String name, String fullName, String htmlUrl, String cloneUrl, String sshUrl,
                             String url, String ownerLogin) {

        /** {@code html_url}, {@code clone_url}, {@code ssh_url}, {@code url}, nulls included, in that order. */
        public List<String> urls() {
            List<String> urls = new ArrayList<>(4);
            urls.add(htmlUrl);
            urls.add(cloneUrl);
            urls.add(sshUrl);
            urls.add(url);
            return Collections.unmodifiableList(urls);
        }
    }

    /** The {@code issue} fields: its number (≥1), title ({@code ""} by default), body and URL (may be null). */
    public record Issue(long number, String title, String body, String htmlUrl) {
    }

    /** An {@code issues} delivery. {@code senderLogin} may be null. */
    public record IssuesEvent(String action, Repository repository, Issue issue, String senderLogin) {
    }

    /**
     * An {@code issue_comment} delivery: the comment body ({@code ""} by default) and its {@code author_association}
     * (null when absent or not a string).
     */
    public record IssueCommentEvent(String action, Repository repository, Issue issue, String commentBody,
                                    String authorAssociation, String senderLogin) {
    }

    /** The {@code issues} payload, or empty when it breaks the rules (400 {@code Invalid issues webhook payload}). */
    public static Optional<IssuesEvent> issues(Map<String, Object> payload) {
        try {
            String action = requiredString(payload, "action");
            Repository repository = repository(payload.get("repository"));
            Issue issue = issue(payload.get("issue"));
            return Optional.of(new IssuesEvent(action, repository, issue, senderLogin(payload)));
        } catch (Invalid e) {
            return Optional.empty();
        }
    }

    /** The {@code issue_comment} payload, or empty (400 {@code Invalid issue_comment webhook payload}). */
    public static Optional<IssueCommentEvent> issueComment(Map<String, Object> payload) {
        try {
            String action = requiredString(payload, "action");
            Repository repository = repository(payload.get("repository"));
            Issue issue = issue(payload.get("issue"));
            Map<String, Object> comment = object(payload.get("comment"));
            String body = defaultedString(comment, "body", "");
            Object association = comment.get("author_association");
            return Optional.of(new IssueCommentEvent(action, repository, issue, body,
                    association instanceof String text ? text : null, senderLogin(payload)));
        } catch (Invalid e) {
            return Optional.empty();
        }
    }

    private static Repository repository(Object value) {
        Map<String, Object> repo = object(value);
        Object owner = repo.get("owner");
        String ownerLogin = owner == null ? null : optionalString(object(owner), "login");
        return new Repository(optionalString(repo, "name"), optionalString(repo, "full_name"),
                optionalString(repo, "html_url"), optionalString(repo, "clone_url"), optionalString(repo, "ssh_url"),
                optionalString(repo, "url"), ownerLogin);
    }

    private static Issue issue(Object value) {
        Map<String, Object> issue = object(value);
        long number = integer(issue.get("number"));
        if (number < 1) {
            throw new Invalid();
        }
        return new Issue(number, defaultedString(issue, "title", ""), optionalString(issue, "body"),
                optionalString(issue, "html_url"));
    }

    private static String senderLogin(Map<String, Object> payload) {
        Object sender = payload.get("sender");
        return sender == null ? null : optionalString(object(sender), "login");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new Invalid();
    }

    private static String requiredString(Map<String, Object> object, String key) {
        if (object.get(key) instanceof String text) {
            return text;
        }
        throw new Invalid();
    }

    /** Absent → {@code fallback}; present, it must be a string (null is not). */
    private static String defaultedString(Map<String, Object> object, String key, String fallback) {
        if (!object.containsKey(key)) {
            return fallback;
        }
        return requiredString(object, key);
    }

    /** Absent or null → null; otherwise it must be a string. */
    private static String optionalString(Map<String, Object> object, String key) {
        Object value = object.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new Invalid();
    }

    private static long integer(Object value) {
        try {
            return switch (value) {
                case Integer i -> i;
                case Long l -> l;
                case Short s -> s;
                case Byte b -> b;
                case BigInteger big -> big.longValueExact();
                case Double d when d == Math.rint(d) && !d.isInfinite() -> new BigDecimal(d).longValueExact();
                case Float f when f == Math.rint(f) && !f.isInfinite() -> new BigDecimal(f).longValueExact();
                case BigDecimal decimal -> decimal.longValueExact();
                case String text when DIGITS.matcher(text.strip()).matches() -> Long.parseLong(text.strip());
                case null, default -> throw new Invalid();
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw new Invalid();
        }
    }

    /** Control flow only: the payload breaks a rule. */
    private static final class Invalid extends RuntimeException {
        Invalid() {
            super(null, null, false, false);
        }
    }
}
