package dev.tenantcore.api.automations.webhooks;

import dev.tenantcore.api.automations.PublicEventType;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** An endpoint was registered; its signing secret is in the credential store, never here. */
@Revision("1")
public record WebhookEndpointRegisteredEvent(
        WebhookEndpointId endpointId,
        TenantId tenantId,
        String url,
        Set<PublicEventType> eventTypes,
        String description,
        boolean enabled,
        UserId registeredBy) {}
