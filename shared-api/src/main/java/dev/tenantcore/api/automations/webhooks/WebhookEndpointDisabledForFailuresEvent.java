package dev.tenantcore.api.automations.webhooks;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Every delivery to the endpoint failed from {@code failingSince} on, so it was switched off. */
@Revision("1")
public record WebhookEndpointDisabledForFailuresEvent(WebhookEndpointId endpointId, Instant failingSince) {}
