package dev.tenantcore.command.automations.webhooks;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.infra.events.ReceiverIndex;
import dev.tenantcore.infra.persistence.PgNotifications;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The event types each tenant's enabled webhook endpoints subscribe to, for {@link WebhookFanOut}'s
 * processor to skip the events no endpoint takes (a tenant with automations switched off takes none).
 */
@Component
class WebhookReceivers extends ReceiverIndex {

    private final JdbcTemplate jdbc;
    private final TenantDirectory tenants;

    WebhookReceivers(
            PlatformTransactionManager transactions,
            PgNotifications notifications,
            JdbcTemplate jdbc,
            TenantDirectory tenants) {
        super(transactions, notifications);
        this.jdbc = jdbc;
        this.tenants = tenants;
    }

    @Override
    protected boolean admits(TenantId tenant) {
        return tenants.byId(tenant)
                .map(entry -> entry.hasModule(TenantModule.AUTOMATIONS))
                .orElse(false);
    }

    @Override
    protected Set<String> load() {
        Set<String> types = new HashSet<>();
        jdbc.query("SELECT event_types FROM outbound_webhook_endpoints WHERE enabled", rs -> {
            List<Object> subscribed = List.of((Object[]) rs.getArray(1).getArray());
            // No types listed: the endpoint takes every event.
            if (subscribed.isEmpty()) {
                types.add(EVERY_TYPE);
            }
            subscribed.forEach(type -> types.add(type.toString()));
        });
        return types;
    }
}
