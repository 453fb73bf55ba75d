package dev.agenthub.hub.beads;

import java.util.regex.Pattern;

/** The field formats of wire spec §2.2 that bead sync and the beads uploads check. */
public final class BeadIds {

    private static final Pattern BEAD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/_.-]{0,254}");

    /** The branch of every bdh sync (§5.1 step 2, §14.3) and the default of the uploads (§4.6). */
    public static final String DEFAULT_BRANCH = "main";

    private BeadIds() {
    }

    /** Whether {@code value} is a string passing the sync/beads bead-id rule {@code ^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$}. */
    public static boolean isValidBeadId(Object value) {
        return value instanceof String s && BEAD_ID.matcher(s).matches();
    }

    /** Whether {@code value} is a string passing the branch rule {@code ^[A-Za-z0-9][A-Za-z0-9/_.-]{0,254}$}. */
    public static boolean isValidBranch(Object value) {
        return value instanceof String s && BRANCH.matcher(s).matches();
    }
}
