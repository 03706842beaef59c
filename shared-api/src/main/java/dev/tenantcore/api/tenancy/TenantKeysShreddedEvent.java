package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.serialization.Revision;

/**
 * A closed tenant's data subject keys were deleted ({@code keysShredded} of them): the personal
 * data in its events reads as erased from then on. Recorded once, in the platform's name.
 */
@Revision("1")
public record TenantKeysShreddedEvent(TenantId tenantId, int keysShredded) {}
