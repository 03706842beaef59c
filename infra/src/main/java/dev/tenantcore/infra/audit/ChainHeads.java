package dev.tenantcore.infra.audit;

import java.util.Optional;

/** The head of the current tenant's event hash chain, as far as it has been computed. */
public interface ChainHeads {

    /** The last link at or before {@code globalPosition} in the current tenant's chain, if any. */
    Optional<ChainHead> headAt(long globalPosition);

    /** One link: how many of the tenant's events it covers, the last one's position, and its hash (hex). */
    record ChainHead(long count, long globalPosition, String hash) {}
}
