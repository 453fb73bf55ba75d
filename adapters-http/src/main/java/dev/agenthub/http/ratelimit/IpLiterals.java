package dev.agenthub.http.ratelimit;

import java.util.Locale;

/**
 * Validation of IP address literals, IPv4 (dotted quad, decimal, no leading zeros) and IPv6 (RFC 4291 text form,
 * {@code ::} compression and an embedded IPv4 tail allowed; no zone id, no brackets), purely textual: never a DNS
 * lookup.
 */
public final class IpLiterals {

    private IpLiterals() {
    }

    public static boolean isValid(String text) {
        return text != null && (isIpv4(text) || isIpv6(text));
    }

    public static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    public static boolean isIpv6(String text) {
        if (text.length() < 2 || text.length() > 45 || text.indexOf(':') < 0) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int compression = lower.indexOf("::");
        if (compression >= 0 && lower.indexOf("::", compression + 1) >= 0) {
            return false;
        }
        int groups;
        if (compression >= 0) {
            String head = lower.substring(0, compression);
            String tail = lower.substring(compression + 2);
            int headGroups = groups(head, false);
            int tailGroups = groups(tail, true);
            if (headGroups < 0 || tailGroups < 0) {
                return false;
            }
            groups = headGroups + tailGroups;
            return groups <= 7;
        }
        groups = groups(lower, true);
        return groups == 8;
    }

    /** The 16-bit groups of a colon-separated run (an IPv4 tail counts two), or -1 when malformed. */
    private static int groups(String run, boolean ipv4TailAllowed) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] parts = run.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && ipv4TailAllowed && part.indexOf('.') >= 0) {
                if (!isIpv4(part)) {
                    return -1;
                }
                count += 2;
                continue;
            }
            if (part.isEmpty() || part.length() > 4) {
                return -1;
            }
            for (int c = 0; c < part.length(); c++) {
                if (Character.digit(part.charAt(c), 16) < 0) {
                    return -1;
                }
            }
            count++;
        }
        return count;
    }
}
