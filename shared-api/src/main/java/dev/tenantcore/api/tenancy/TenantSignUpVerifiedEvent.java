package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The owner proved the email address: the tenant's trial runs until {@code trialEndsAt}. */
@Revision("1")
public record TenantSignUpVerifiedEvent(TenantId tenantId, UserId ownerId, Instant trialEndsAt) {}
