package dev.tenantcore.command.automations.webhooks;

import dev.tenantcore.api.automations.webhooks.WebhookEndpointId;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Rules' {@code call_webhook} steps: a message for one of the tenant's endpoints, queued in the step's
 * transaction on the same outbox as the endpoints' event messages, so it is signed, retried,
 * logged and redeliverable like them. Its {@code webhook-id} is the step's id, which receivers may
 * deduplicate on; a step queued twice queues one message.
 */
@Component
public class RuleWebhookCalls {

    private final WebhookEndpointDirectory endpoints;
    private final WebhookQueue queue;

    RuleWebhookCalls(WebhookEndpointDirectory endpoints, WebhookQueue queue) {
        this.endpoints = endpoints;
        this.queue = queue;
    }

    /** Queues {@code body} for the endpoint in the current tenant and transaction; refuses a missing endpoint. */
    public void call(WebhookEndpointId endpoint, UUID stepId, String eventType, String body) {
        if (endpoints.find(endpoint).isEmpty()) {
            throw new DomainException(
                    ErrorCode.INVALID_RULE_ACTION, "The webhook endpoint " + endpoint.value() + " no longer exists.");
        }
        queue.queueMessage(endpoint.value(), stepId, eventType, body);
    }
}
