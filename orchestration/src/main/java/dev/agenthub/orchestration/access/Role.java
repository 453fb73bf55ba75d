package dev.agenthub.orchestration.access;

import java.util.Locale;
import java.util.Optional;

/**
 * The Agent Hub principal roles, ordered: {@code viewer} (1) &lt; {@code maintainer} (2) &lt;
 * {@code admin} (3). "Has role X" means a level at least X's.
 */
public enum Role {
    VIEWER(1),
    MAINTAINER(2),
    ADMIN(3);

    private final int level;

    Role(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    /** Whether this role grants everything {@code required} grants. */
    public boolean atLeast(Role required) {
        return level >= required.level;
    }

    /** The wire name: {@code viewer}, {@code maintainer} or {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name exactly (lowercase); empty for anything else. */
    public static Optional<Role> fromWireName(String text) {
        for (Role role : values()) {
            if (role.wireName().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The lower of two roles: what a key with ceiling {@code ceiling} may grant when {@code requested} is asked. */
    public static Role min(Role a, Role b) {
        return a.level <= b.level ? a : b;
    }
}
