package dev.tenantcore.api.automations.webhooks;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces the endpoint's signing secret with {@code secret}; the one it replaces keeps signing
 * beside it until {@code previousValidUntil}.
 */
public record RotateWebhookSecretCommand(
        @TargetAggregateIdentifier WebhookEndpointId endpointId, String secret, Instant previousValidUntil) {

    @Override
    public String toString() {
        return "RotateWebhookSecretCommand[endpointId=" + endpointId + "]";
    }
}
