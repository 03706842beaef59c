package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by scheduled work only: ends the trial if it has run out by {@code at}. */
public record EndTenantTrialCommand(
        @TargetAggregateIdentifier TenantId tenantId, Instant at) {}
