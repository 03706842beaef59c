package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link PendingSignUps} on a map, standing in for {@code pending_sign_ups} in aggregate tests. */
final class InMemoryPendingSignUps implements PendingSignUps {

    record Row(PendingSignUp signUp, Instant tokenExpiresAt) {}

    final Map<TenantId, Row> pending = new LinkedHashMap<>();

    @Override
    public void requested(TenantId tenant, String slug, UserId ownerId, String ownerEmail, Instant tokenExpiresAt) {
        pending.putIfAbsent(tenant, new Row(new PendingSignUp(tenant, slug, ownerId, ownerEmail), tokenExpiresAt));
    }

    @Override
    public void reissued(TenantId tenant, Instant tokenExpiresAt) {
        pending.computeIfPresent(tenant, (t, row) -> new Row(row.signUp(), tokenExpiresAt));
    }

    @Override
    public void ended(TenantId tenant) {
        pending.remove(tenant);
    }

    @Override
    public List<PendingSignUp> byEmail(String ownerEmail, int limit) {
        return pending.values().stream()
                .map(Row::signUp)
                .filter(s -> s.ownerEmail().equals(ownerEmail))
                .limit(limit)
                .toList();
    }

    @Override
    public Optional<PendingSignUp> bySlug(String slug) {
        return pending.values().stream()
                .map(Row::signUp)
                .filter(s -> s.slug().equals(slug))
                .findFirst();
    }

    @Override
    public List<TenantId> lapsed(Instant requestedBefore, Instant now, int limit) {
        return pending.entrySet().stream()
                .filter(e -> !e.getValue().tokenExpiresAt().isAfter(now))
                .map(Map.Entry::getKey)
                .limit(limit)
                .toList();
    }
}
