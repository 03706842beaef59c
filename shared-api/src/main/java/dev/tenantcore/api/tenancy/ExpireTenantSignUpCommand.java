package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by scheduled work only: ends a sign-up that was never verified, if its last token ran out by {@code at}. */
public record ExpireTenantSignUpCommand(
        @TargetAggregateIdentifier TenantId tenantId, Instant at) {}
