package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.serialization.Revision;

/**
 * A domain joined the tenant. With a {@code verificationToken} the tenant added it itself: it is
 * unverified and inactive until the token is found on the domain. Without one the platform added
 * it, and it is verified and active at once, which is also what every event stored before tokens
 * existed means.
 */
@Revision("1")
public record TenantDomainAddedEvent(TenantId tenantId, String domain, String verificationToken) {}
