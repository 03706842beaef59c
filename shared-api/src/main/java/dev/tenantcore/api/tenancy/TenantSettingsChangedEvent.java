package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.serialization.Revision;

/** Carries the full new settings, so a reader never needs an earlier event to know them. */
@Revision("1")
public record TenantSettingsChangedEvent(TenantId tenantId, TenantSettings settings) {}
