package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.TenantId;

/** The tenant's stages; the tenant is named so that an update reaches only its own subscribers. */
public record FindLifecycleStagesQuery(TenantId tenantId) {}
