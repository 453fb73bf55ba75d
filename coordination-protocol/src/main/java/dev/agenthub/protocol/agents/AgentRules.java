package dev.agenthub.protocol.agents;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The field rules of §2.2 for agent and workspace identities. */
public final class AgentRules {

    public static final int MAX_ALIAS_LENGTH = 64;
    public static final int MAX_HUMAN_NAME_LENGTH = 64;
    public static final int MAX_ROLE_LENGTH = 50;
    public static final String INVALID_ROLE =
            "Invalid role: use 1-2 words (letters/numbers) with hyphens/underscores allowed; max 50 chars";

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern HUMAN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9 '\\-]{0,63}");
    private static final Pattern ROLE_WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    /** Whitespace as Python's str.split() sees it (Unicode), which is how the reference normalises. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private AgentRules() {
    }

    /** The beadhub alias rule: 1..64 of {@code A-Z a-z 0-9 _ -}, starting with a letter or digit. */
    public static boolean validAlias(String alias) {
        return alias != null && ALIAS.matcher(alias).matches();
    }

    /** A non-empty human name: a letter, then up to 63 letters, digits, spaces, apostrophes or hyphens. */
    public static boolean validHumanName(String humanName) {
        return humanName != null && HUMAN_NAME.matcher(humanName).matches();
    }

    /**
     * The normalised role (trimmed, inner whitespace collapsed, lowercased), or empty when it breaks the
     * rule: 1–2 words of {@code A-Z a-z 0-9 _ -} each starting with a letter or digit, 50 characters at most.
     */
    public static Optional<String> normaliseRole(String role) {
        if (role == null) {
            return Optional.empty();
        }
        String normalised = WHITESPACE.matcher(role).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        if (normalised.isEmpty() || normalised.length() > MAX_ROLE_LENGTH) {
            return Optional.empty();
        }
        String[] words = normalised.split(" ");
        if (words.length > 2) {
            return Optional.empty();
        }
        for (String word : words) {
            if (!ROLE_WORD.matcher(word).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(normalised);
    }
}
