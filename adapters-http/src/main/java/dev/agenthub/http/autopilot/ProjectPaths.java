package dev.agenthub.http.autopilot;

import dev.agenthub.protocol.kernel.error.DomainError;
import dev.agenthub.protocol.kernel.error.Violation;
import io.javalin.http.Context;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The integer path parameters of the Agent Hub routes (wire spec agenthub §1): {@code {project_id}} and child ids
 * such as {@code {agent_id}}. Text that is not an integer is a list-shaped 422, pydantic's {@code int_parsing} at
 * {@code ["path", name]}; every parameter of the path is checked before the 422 is thrown, so one response names
 * them all. An integer outside the id range (negative, or too large for a 64-bit id) matches no row: it is returned
 * as {@link #NO_ROW} and the lookup answers its 404.
 */
public final class ProjectPaths {

    /** What an integer that can name no row becomes; no stored id is negative. */
    public static final long NO_ROW = -1;
    public static final String PROJECT_ID = "project_id";

    private ProjectPaths() {
    }

    /** The {@code {project_id}} of the path. @throws DomainError.Invalid 422 {@code int_parsing} */
    public static long projectId(Context ctx) {
        return ids(ctx, PROJECT_ID)[0];
    }

    /**
     * The named integer path parameters, in order.
     *
     * @throws DomainError.Invalid 422 {@code int_parsing}, one element per parameter that is not an integer
     */
    public static long[] ids(Context ctx, String... names) {
        long[] ids = new long[names.length];
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String raw = ctx.pathParam(names[i]);
            Long id = parse(raw);
            if (id == null) {
                violations.add(new Violation("int_parsing", List.of("path", names[i]),
                        "Input should be a valid integer, unable to parse string as an integer", raw));
            } else {
                ids[i] = id;
            }
        }
        if (!violations.isEmpty()) {
            throw new DomainError.Invalid(violations);
        }
        return ids;
    }

    /** The id {@code raw} names, {@link #NO_ROW} for an integer outside the id range, null for anything else. */
    static Long parse(String raw) {
        String text = raw.strip();
        int start = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        if (text.length() == start) {
            return null;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        BigInteger value = new BigInteger(text);
        return value.signum() < 0 || value.bitLength() >= 64 ? NO_ROW : value.longValue();
    }
}
