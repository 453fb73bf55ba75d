package dev.agenthub.protocol.contacts;

import dev.agenthub.protocol.projects.ProjectSlug;

import java.util.Objects;

/**
 * Project addresses: {@code <project-slug>} (every agent of that project) or {@code <project-slug>/<alias>}
 * (one agent), 1..{@value #MAX_LENGTH} characters.
 *
 * <p>A slug may itself contain {@code /}, and every alias character is a slug character, so the text of a
 * {@code <slug>/<alias>} address is also a well-formed slug: both forms are exactly the texts that pass the slug
 * rule of §2.2 (which is also the reference server's pattern). An address is matched as written, never split.
 */
public final class ContactAddress {

    public static final int MAX_LENGTH = ProjectSlug.MAX_LENGTH;

    private ContactAddress() {
    }

    /** Whether {@code address} is in project-address form. */
    public static boolean valid(String address) {
        return ProjectSlug.valid(address);
    }

    /** The address of one agent, {@code <slug>/<alias>}. */
    public static String of(String projectSlug, String alias) {
        return Objects.requireNonNull(projectSlug, "projectSlug") + "/" + Objects.requireNonNull(alias, "alias");
    }

    /** @throws IllegalArgumentException when {@code address} is not in project-address form (validate input first) */
    public static String require(String address) {
        if (!valid(address)) {
            throw new IllegalArgumentException("invalid contact address: " + address);
        }
        return address;
    }
}
