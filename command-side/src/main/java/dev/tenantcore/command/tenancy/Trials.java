package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * Running trials and when they end, written by the {@code Tenant} aggregate in the transaction of
 * the events that start and end them, so the sweep that ends trials ({@link TrialTasks}) finds
 * exactly the trials the aggregates hold, however far the read model lags.
 */
interface Trials {

    void started(TenantId tenant, Instant endsAt);

    /** Idempotent: a tenant without a running trial is left as it is. */
    void ended(TenantId tenant);

    /** Up to {@code limit} tenants whose trial ended at or before {@code now}, the earliest first. */
    List<TenantId> due(Instant now, int limit);
}
