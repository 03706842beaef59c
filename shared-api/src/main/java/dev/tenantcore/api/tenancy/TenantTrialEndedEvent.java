package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record TenantTrialEndedEvent(TenantId tenantId, Instant trialEndedAt) {}
