package dev.tenantcore.api.automations.webhooks;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Switches off an endpoint whose deliveries have all failed since {@code failingSince}; the owner is told. */
public record DisableFailingWebhookEndpointCommand(
        @TargetAggregateIdentifier WebhookEndpointId endpointId, Instant failingSince) {}
