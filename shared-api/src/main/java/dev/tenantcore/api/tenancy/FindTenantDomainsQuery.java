package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;

public record FindTenantDomainsQuery(TenantId tenantId) {}
