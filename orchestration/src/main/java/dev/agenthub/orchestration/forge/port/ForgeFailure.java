package dev.agenthub.orchestration.forge.port;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A forge API call that did not succeed (wire spec agenthub §10.1 "Errors"): a non-2xx answer, or no answer at all
 * (connection refused, timeout, a body that is not the JSON expected). Never carries a token.
 *
 * @see ForgeClient
 */
public final class ForgeFailure extends RuntimeException {

    private final transient OptionalInt status;
    private final String method;
    private final String url;
    private final String detail;
    private final boolean alreadyExists;

    /**
     * @param status        the HTTP status, empty when there was no answer
     * @param method        {@code GET}, {@code POST}, {@code PATCH} or {@code PUT}
     * @param url           the full request URL
     * @param detail        the forge's {@code message} (plus {@code ; errors=<errors>} when present), else its raw
     *                      text, else {@code empty response body}; for no answer, what went wrong
     * @param alreadyExists whether the forge says the PR or MR already exists for the branch pair (GitHub 422
     *                      "A pull request already exists", GitLab 409)
     */
    public ForgeFailure(OptionalInt status, String method, String url, String detail, boolean alreadyExists) {
        super(method + " " + url + ": " + detail, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.method = Objects.requireNonNull(method, "method");
        this.url = Objects.requireNonNull(url, "url");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.alreadyExists = alreadyExists;
    }

    public OptionalInt status() {
        return status;
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    public String detail() {
        return detail;
    }

    public boolean alreadyExists() {
        return alreadyExists;
    }
}
