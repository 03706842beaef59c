package dev.tenantcore.command.payments;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The random ids in tenants' webhook URLs ({@code /api/v1/webhooks/{provider}/{endpointId}}). An id
 * only says whose webhook secret must verify a delivery; guessing one grants nothing.
 */
@Component
class WebhookEndpoints {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    WebhookEndpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Endpoint(TenantId tenant, PaymentProviderKind provider) {}

    /** The current tenant's endpoint id for {@code provider}, made on first use. */
    String endpointFor(PaymentProviderKind provider) {
        UUID tenant = TenantContext.current()
                .orElseThrow(() -> new IllegalStateException("a webhook endpoint needs a tenant"))
                .value();
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        jdbc.update(
                """
                INSERT INTO platform_webhook_endpoints (endpoint_id, owner_tenant, provider, created_at)
                VALUES (?, ?, ?, ?) ON CONFLICT (owner_tenant, provider) DO NOTHING
                """,
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                tenant,
                provider.wireName(),
                Timestamp.from(Instant.now()));
        return existing(provider).orElseThrow();
    }

    Optional<String> existing(PaymentProviderKind provider) {
        UUID tenant = TenantContext.current().map(TenantId::value).orElse(null);
        return jdbc
                .queryForList(
                        "SELECT endpoint_id FROM platform_webhook_endpoints WHERE owner_tenant = ? AND provider = ?",
                        String.class,
                        tenant,
                        provider.wireName())
                .stream()
                .findFirst();
    }

    Optional<Endpoint> lookup(PaymentProviderKind provider, String endpointId) {
        return jdbc
                .queryForList(
                        "SELECT owner_tenant FROM platform_webhook_endpoints WHERE endpoint_id = ? AND provider = ?",
                        UUID.class,
                        endpointId,
                        provider.wireName())
                .stream()
                .findFirst()
                .map(tenant -> new Endpoint(new TenantId(tenant), provider));
    }
}
