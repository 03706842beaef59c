package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code trialEndsAt} is set once a signed-up tenant's trial started; {@code industry} when one was given. */
public record TenantResponse(
        TenantId id,
        String name,
        String slug,
        TenantStatus status,
        Set<TenantModule> modules,
        List<TenantDomainResponse> domains,
        TenantSettings settings,
        long version,
        Instant createdAt,
        Instant trialEndsAt,
        BillingStatus billingStatus,
        String industry) {}
