package dev.tenantcore.api.automations.webhooks;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes an endpoint: its secrets are erased and its pending deliveries are not sent. */
public record DeleteWebhookEndpointCommand(
        @TargetAggregateIdentifier WebhookEndpointId endpointId) {}
