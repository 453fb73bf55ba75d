package dev.agenthub.hub.claims;

import dev.agenthub.hub.claims.port.ClaimStore;
import dev.agenthub.protocol.identity.Principal;
import dev.agenthub.protocol.kernel.id.AgentId;
import dev.agenthub.protocol.kernel.paging.Page;
import dev.agenthub.protocol.kernel.paging.PageRequest;

import java.util.Objects;
import java.util.Optional;

/** {@code GET /v1/claims} (wire spec §4.7): the caller's project's claims, newest first, keyset-paginated. */
public final class ClaimListing {

    private final ClaimStore claims;

    public ClaimListing(ClaimStore claims) {
        this.claims = Objects.requireNonNull(claims, "claims");
    }

    /** A page of the project's claims, of one workspace when {@code workspace} is present (any project's id just matches nothing). */
    public Page<Claim> page(Principal principal, Optional<AgentId> workspace, PageRequest request) {
        return claims.page(principal.project(), workspace, request);
    }
}
