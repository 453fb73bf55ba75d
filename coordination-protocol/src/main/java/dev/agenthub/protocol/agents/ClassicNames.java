package dev.agenthub.protocol.agents;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The classic name prefixes of §2.4: 26 names, then {@code name-NN} for NN = 01..99 (all names for 01,
 * then all for 02, …), 2,600 candidates in all.
 */
public final class ClassicNames {

    public static final List<String> NAMES = List.of("alice", "bob", "charlie", "dave", "eve", "frank", "grace",
            "henry", "ivy", "jack", "kate", "leo", "mia", "noah", "olivia", "peter", "quinn", "rose", "sam", "tara",
            "uma", "victor", "wendy", "xavier", "yara", "zoe");
    public static final int VARIANTS = 99;

    private static final List<String> CANDIDATES = allCandidates();

    private ClassicNames() {
    }

    /** Every candidate prefix in allocation order. */
    public static List<String> candidates() {
        return CANDIDATES;
    }

    private static List<String> allCandidates() {
        List<String> all = new ArrayList<>(NAMES.size() * (VARIANTS + 1));
        all.addAll(NAMES);
        for (int variant = 1; variant <= VARIANTS; variant++) {
            for (String name : NAMES) {
                all.add(name + "-" + String.format(Locale.ROOT, "%02d", variant));
            }
        }
        return List.copyOf(all);
    }

    /**
     * The prefix an existing alias occupies: {@code first-second} when the second {@code -}-part is all
     * digits, else the first part; lowercased. {@code alice-01-dev} → {@code alice-01}, {@code bob-reviewer}
     * → {@code bob}.
     */
    public static String prefixOf(String alias) {
        String[] parts = alias.split("-", -1);
        if (parts.length >= 2 && !parts[1].isEmpty() && parts[1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            return (parts[0] + "-" + parts[1]).toLowerCase(Locale.ROOT);
        }
        return parts[0].toLowerCase(Locale.ROOT);
    }

    /** The first candidate that none of {@code aliases} occupies, or empty when all 2,600 are taken. */
    public static Optional<String> nextPrefix(Collection<String> aliases) {
        Set<String> used = new HashSet<>();
        for (String alias : aliases) {
            used.add(prefixOf(alias));
        }
        return CANDIDATES.stream().filter(candidate -> !used.contains(candidate)).findFirst();
    }
}
