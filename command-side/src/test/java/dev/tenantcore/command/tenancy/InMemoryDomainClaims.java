package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.TenantDomainClaimReleasedEvent.Reason;
import dev.tenantcore.command.common.InMemoryUniqueKeys;
import dev.tenantcore.command.common.TestTransactions;
import dev.tenantcore.command.common.UniqueKeys.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link DomainClaims} on a map, standing in for {@code unverified_domain_claims} in aggregate tests:
 * a name is proven when {@code keys} holds it as a {@code DOMAIN} key. Its clock stands still at
 * {@link #now} unless a test moves it; the tenants a proof would tell are kept in {@link #told}.
 */
final class InMemoryDomainClaims implements DomainClaims {

    static final Duration EXPIRY = Duration.ofDays(7);

    private record Entry(String token, Instant claimedAt) {}

    private final InMemoryUniqueKeys keys;
    private final Map<Claim, Entry> claims = new LinkedHashMap<>();
    final List<Claim> told = new ArrayList<>();
    Instant now = Instant.parse("2026-12-01T10:00:00Z");

    InMemoryDomainClaims(InMemoryUniqueKeys keys) {
        this.keys = keys;
    }

    /** An unverified claim an earlier command made. */
    void claimed(String domain, TenantId tenant, String token, Instant at) {
        claims.put(new Claim(tenant, domain), new Entry(token, at));
    }

    boolean has(String domain, TenantId tenant) {
        return claims.containsKey(new Claim(tenant, domain));
    }

    @Override
    public void claimUnverified(String domain, TenantId tenant, String token) {
        Optional<java.util.UUID> holder = keys.ownerOf(Scope.DOMAIN, domain);
        if (holder.isPresent() && !holder.get().equals(tenant.value())) {
            throw Scope.DOMAIN.taken(domain);
        }
        Claim claim = new Claim(tenant, domain);
        if (claims.putIfAbsent(claim, new Entry(token, now)) == null) {
            TestTransactions.onRollback(() -> claims.remove(claim));
        }
    }

    @Override
    public void proven(String domain, TenantId tenant) {
        List<Claim> ended =
                claims.keySet().stream().filter(c -> c.domain().equals(domain)).toList();
        ended.forEach(claims::remove);
        ended.stream().filter(c -> !c.tenant().equals(tenant)).forEach(told::add);
    }

    @Override
    public void release(String domain, TenantId tenant) {
        claims.remove(new Claim(tenant, domain));
    }

    @Override
    public Optional<String> unverifiedToken(String domain, TenantId tenant) {
        return Optional.ofNullable(claims.get(new Claim(tenant, domain))).map(Entry::token);
    }

    @Override
    public Optional<Reason> lapse(String domain, TenantId tenant) {
        Entry entry = claims.get(new Claim(tenant, domain));
        if (entry == null) {
            return Optional.of(Reason.PROVEN_ELSEWHERE);
        }
        if (entry.claimedAt().isAfter(now.minus(EXPIRY))) {
            return Optional.empty();
        }
        claims.remove(new Claim(tenant, domain));
        return Optional.of(Reason.EXPIRED);
    }

    @Override
    public List<Claim> expired(int limit) {
        return claims.entrySet().stream()
                .filter(e -> !e.getValue().claimedAt().isAfter(now.minus(EXPIRY)))
                .sorted(Comparator.comparing(e -> e.getValue().claimedAt()))
                .map(Map.Entry::getKey)
                .limit(limit)
                .toList();
    }
}
