package dev.tenantcore.api.automations.webhooks;

import dev.tenantcore.api.automations.PublicEventType;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Changes an endpoint's URL, event filter, description or switch; a null keeps what it had. */
public record UpdateWebhookEndpointCommand(
        @TargetAggregateIdentifier WebhookEndpointId endpointId,
        @TargetAggregateVersion Long expectedVersion,
        String url,
        Set<PublicEventType> eventTypes,
        String description,
        Boolean enabled) {}
