package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.TenantDomainClaimReleasedEvent.Reason;
import java.util.List;
import java.util.Optional;

/**
 * Unverified claims on domain names, a command-side lookup written in the command transaction. A
 * name is held by one tenant once it is proven (the platform's {@code UniqueKeys} {@code DOMAIN}
 * key); before that, any number of tenants may claim it unverified, each with its own token, so a
 * claim blocks nobody who can prove ownership. Proving ends every other claim on the name, and a
 * claim left unverified longer than the expiry lapses.
 */
interface DomainClaims {

    /**
     * Records {@code tenant}'s unverified claim with its token; refuses with {@code domain_taken},
     * worded the same whoever holds it, when another tenant has proven the name.
     */
    void claimUnverified(String domain, TenantId tenant, String token);

    /**
     * {@code tenant} now holds the name (claimed as a {@code DOMAIN} key in this transaction): every
     * unverified claim on it ends, and each other tenant's aggregate is told, once this transaction
     * has committed, so its history says why the domain left it.
     */
    void proven(String domain, TenantId tenant);

    /** {@code tenant} gave the name up (removed it, or closed). */
    void release(String domain, TenantId tenant);

    /** The token of {@code tenant}'s unverified claim on the name, while it has one. */
    Optional<String> unverifiedToken(String domain, TenantId tenant);

    /**
     * Whether {@code tenant}'s unverified claim has lapsed, and why: it expired (and is dropped here)
     * or is gone because another tenant proved the name. Empty while the claim stands.
     */
    Optional<Reason> lapse(String domain, TenantId tenant);

    /** Unverified claims older than the expiry, oldest first, at most {@code limit}. */
    List<Claim> expired(int limit);

    record Claim(TenantId tenant, String domain) {}
}
