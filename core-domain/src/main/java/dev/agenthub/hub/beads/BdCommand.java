package dev.agenthub.hub.beads;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed {@code command_line}: the bd arguments without the {@code bd} word (wire spec §6.1), and the claim
 * effect it has on sync (§6.2).
 *
 * @param command the first token, or {@code ""} for a blank line
 * @param beadId  the second token, when the command is {@code update}, {@code close}, {@code delete} or
 *                {@code reopen} and that token does not start with {@code --}; otherwise empty. It is not
 *                checked against the bead-id rule: nothing else is parsed.
 * @param status  for {@code update}: the token after the first {@code --status}, or the value of the first
 *                {@code --status=<x>}, whichever comes first; otherwise empty
 */
public record BdCommand(String command, Optional<String> beadId, Optional<String> status) {

    /** The status that claims a bead. */
    public static final String IN_PROGRESS = "in_progress";

    private static final Set<String> WITH_BEAD_ID = Set.of("update", "close", "delete", "reopen");
    private static final String STATUS_FLAG = "--status";

    /** What a sync triggered by the command does to the claims of its bead (§6.2). */
    public enum ClaimEffect {
        /** {@code update <id> --status in_progress}: claim the bead for the syncing workspace. */
        CLAIM,
        /** {@code close <id>}, {@code delete <id>}, {@code update <id> --status <other>}: release every claim. */
        RELEASE_ALL,
        /** {@code reopen}, any other command, an {@code update} without a status, or no bead id. */
        NONE
    }

    /** Parses a command line; a null or blank one has no command. */
    public static BdCommand parse(String commandLine) {
        List<String> tokens = split(commandLine == null ? "" : commandLine);
        if (tokens.isEmpty()) {
            return new BdCommand("", Optional.empty(), Optional.empty());
        }
        String command = tokens.getFirst();
        Optional<String> beadId = Optional.empty();
        if (WITH_BEAD_ID.contains(command) && tokens.size() > 1 && !tokens.get(1).startsWith("--")) {
            beadId = Optional.of(tokens.get(1));
        }
        Optional<String> status = Optional.empty();
        if (command.equals("update")) {
            for (int i = 1; i < tokens.size(); i++) {
                String token = tokens.get(i);
                if (token.equals(STATUS_FLAG)) {
                    if (i + 1 < tokens.size()) {
                        status = Optional.of(tokens.get(i + 1));
                    }
                    break;
                }
                if (token.startsWith(STATUS_FLAG + "=")) {
                    status = Optional.of(token.substring(STATUS_FLAG.length() + 1));
                    break;
                }
            }
        }
        return new BdCommand(command, beadId, status);
    }

    /** The claim side-effect of §6.2; {@link ClaimEffect#NONE} unless a bead id was parsed. */
    public ClaimEffect claimEffect() {
        if (beadId.isEmpty()) {
            return ClaimEffect.NONE;
        }
        return switch (command) {
            case "close", "delete" -> ClaimEffect.RELEASE_ALL;
            case "update" -> status.map(s -> s.equals(IN_PROGRESS) ? ClaimEffect.CLAIM : ClaimEffect.RELEASE_ALL)
                    .orElse(ClaimEffect.NONE);
            default -> ClaimEffect.NONE;
        };
    }

    /**
     * Whether {@code POST /v1/bdh/command} must check the claims (§4.5): an {@code update} to {@code in_progress}
     * of a parsed bead id. It is rejected when another workspace holds a claim on that bead.
     */
    public boolean claimsBead() {
        return claimEffect() == ClaimEffect.CLAIM;
    }

    /** Splits on runs of whitespace (Unicode white space and space separators, as Python's {@code str.split()}). */
    private static List<String> split(String line) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
            if (space && start >= 0) {
                tokens.add(line.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            tokens.add(line.substring(start));
        }
        return tokens;
    }
}
