package dev.agenthub.hub.beads;

import dev.agenthub.hub.repos.CanonicalOrigin;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference to a bead issue: {@code {repo, branch, bead_id}}, the shape of {@code parent_id} and of each
 * {@code blocked_by} element (wire spec §4.6, §5.5).
 */
public record BeadRef(String repo, String branch, String beadId) {

    public BeadRef {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(beadId, "beadId");
    }

    /**
     * Parses a string ref (§5.5): {@code "bd-1"} is {@code (defaultRepo, defaultBranch, bd-1)};
     * {@code "<repo>:<bead>"} is a cross-repo ref whose repo must be a canonical origin and whose bead must be a
     * valid id, on the default branch. Empty when the string breaks those rules.
     */
    public static Optional<BeadRef> parse(String text, String defaultRepo, String defaultBranch) {
        if (text == null) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return BeadIds.isValidBeadId(text)
                    ? Optional.of(new BeadRef(defaultRepo, defaultBranch, text))
                    : Optional.empty();
        }
        String repo = text.substring(0, colon);
        String bead = text.substring(colon + 1);
        if (!CanonicalOrigin.isWellFormed(repo) || !BeadIds.isValidBeadId(bead)) {
            return Optional.empty();
        }
        return Optional.of(new BeadRef(repo, defaultBranch, bead));
    }

    /**
     * Parses an explicit {@code blocked_by} element (§5.5): a string as in {@link #parse(String, String, String)},
     * or an object {@code {"repo"?, "branch"?, "bead_id"}} whose {@code bead_id} passes the rule and whose
     * {@code repo} and {@code branch} pass theirs when present (a JSON {@code null} counts as absent). Empty for
     * anything else.
     */
    public static Optional<BeadRef> parseElement(Object element, String defaultRepo, String defaultBranch) {
        if (element instanceof String s) {
            return parse(s, defaultRepo, defaultBranch);
        }
        if (!(element instanceof Map<?, ?> object)) {
            return Optional.empty();
        }
        Object beadId = object.get("bead_id");
        Object repo = object.get("repo");
        Object branch = object.get("branch");
        if (!BeadIds.isValidBeadId(beadId)
                || (repo != null && !(repo instanceof String r && CanonicalOrigin.isWellFormed(r)))
                || (branch != null && !BeadIds.isValidBranch(branch))) {
            return Optional.empty();
        }
        return Optional.of(new BeadRef(repo == null ? defaultRepo : (String) repo,
                branch == null ? defaultBranch : (String) branch, (String) beadId));
    }
}
