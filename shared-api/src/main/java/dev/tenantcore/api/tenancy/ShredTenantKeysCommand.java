package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The platform erases a closed tenant as a whole: every data subject key of the tenant is deleted,
 * so the personal data in its events reads as erased. Answers how many keys were deleted.
 */
public record ShredTenantKeysCommand(
        @TargetAggregateIdentifier TenantId tenantId) {}
