package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A sign-up was never verified within the platform's window: the tenant is closed for good and has
 * given back its slug and domains, so that someone may sign up with them again.
 */
@Revision("1")
public record TenantSignUpExpiredEvent(TenantId tenantId, String slug, Instant expiredAt) {}
