package dev.tenantcore.api.automations.webhooks;

import org.axonframework.serialization.Revision;

@Revision("1")
public record WebhookEndpointDeletedEvent(WebhookEndpointId endpointId) {}
