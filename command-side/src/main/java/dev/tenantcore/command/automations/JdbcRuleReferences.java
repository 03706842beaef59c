package dev.tenantcore.command.automations;

import dev.tenantcore.api.automations.webhooks.WebhookEndpointId;
import dev.tenantcore.command.automations.webhooks.WebhookEndpointDirectory;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@link RuleReferences} from the webhook endpoints' directory, which the endpoints' commands write in
 * their own transactions; a tenant table, so a lookup answers only for the current tenant.
 */
@Component
class JdbcRuleReferences implements RuleReferences {

    private final WebhookEndpointDirectory endpoints;

    JdbcRuleReferences(WebhookEndpointDirectory endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public boolean webhookEndpoint(UUID endpointId) {
        return endpoints.find(new WebhookEndpointId(endpointId)).isPresent();
    }
}
