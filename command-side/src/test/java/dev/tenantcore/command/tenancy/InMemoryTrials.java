package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link Trials} on a map, standing in for {@code tenant_trials} in aggregate tests. */
final class InMemoryTrials implements Trials {

    final Map<TenantId, Instant> running = new LinkedHashMap<>();

    @Override
    public void started(TenantId tenant, Instant endsAt) {
        running.put(tenant, endsAt);
    }

    @Override
    public void ended(TenantId tenant) {
        running.remove(tenant);
    }

    @Override
    public List<TenantId> due(Instant now, int limit) {
        return running.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(now))
                .map(Map.Entry::getKey)
                .limit(limit)
                .toList();
    }
}
