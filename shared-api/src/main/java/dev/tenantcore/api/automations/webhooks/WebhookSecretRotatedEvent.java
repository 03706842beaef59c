package dev.tenantcore.api.automations.webhooks;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The signing secret was replaced; the previous one signs beside it until {@code previousValidUntil}. */
@Revision("1")
public record WebhookSecretRotatedEvent(WebhookEndpointId endpointId, Instant previousValidUntil) {}
