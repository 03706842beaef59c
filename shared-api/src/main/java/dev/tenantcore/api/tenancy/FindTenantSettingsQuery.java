package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;

public record FindTenantSettingsQuery(TenantId tenantId) {}
