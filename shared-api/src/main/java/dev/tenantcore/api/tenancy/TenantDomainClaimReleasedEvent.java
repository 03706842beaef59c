package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.serialization.Revision;

/**
 * The tenant's unverified claim on a domain ended without the tenant asking: the domain left the
 * tenant's list, and {@code reason} tells its history why. Which tenant proved ownership is not
 * recorded here: it is none of this tenant's business.
 */
@Revision("1")
public record TenantDomainClaimReleasedEvent(TenantId tenantId, String domain, Reason reason) {

    public enum Reason {
        /** Unverified for longer than the platform lets a claim stand. */
        EXPIRED,
        /** Another tenant proved that it controls the domain, or the platform gave it to one. */
        PROVEN_ELSEWHERE
    }
}
