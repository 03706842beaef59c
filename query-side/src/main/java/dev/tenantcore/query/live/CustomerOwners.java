package dev.tenantcore.query.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whose order or payment an event is about, so that a customer's socket gets their own only. An
 * order's events name the order, a payment's the payment; the customer is learnt from the events
 * that create them ({@code OrderPlacedEvent}, {@code PaymentCreatedEvent}, seen by {@link LiveHub}
 * before any later event of the same order or payment), and otherwise read from the {@code orders}
 * and {@code payments} read tables under the event's tenant. What is remembered is bounded; an
 * event about neither answers empty, so no customer receives it.
 */
@Component
class CustomerOwners {

    private final Cache<String, UUID> owners =
            Caffeine.newBuilder().maximumSize(100_000).build();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    CustomerOwners(JdbcTemplate jdbc, TenantAwareTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    void remember(TenantId tenant, UUID aggregateId, UUID customer) {
        owners.put(key(tenant.value(), aggregateId.toString()), customer);
    }

    /** The customer the event's order or payment belongs to; empty for any other event. */
    Optional<UUID> of(PublicEvent event) {
        String table = switch (event.aggregateType() == null ? "" : event.aggregateType()) {
            case "order" -> "orders";
            case "payment" -> "payments";
            default -> null;
        };
        if (table == null || event.aggregateId() == null) {
            return Optional.empty();
        }
        UUID aggregate;
        try {
            aggregate = UUID.fromString(event.aggregateId());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String key = key(event.tenantId(), event.aggregateId());
        UUID known = owners.getIfPresent(key);
        if (known != null) {
            return Optional.of(known);
        }
        UUID read = read(TenantId.of(event.tenantId().toString()), table, aggregate);
        if (read != null) {
            owners.put(key, read);
        }
        return Optional.ofNullable(read);
    }

    private UUID read(TenantId tenant, String table, UUID id) {
        String sql = "orders".equals(table)
                ? "SELECT customer_id FROM orders WHERE id = ?"
                : "SELECT customer_id FROM payments WHERE id = ?";
        try (var scope = TenantContext.enter(tenant, null)) {
            List<UUID> found = transactions.execute(status -> jdbc.queryForList(sql, UUID.class, id));
            return found == null || found.isEmpty() ? null : found.get(0);
        }
    }

    private static String key(UUID tenant, String aggregateId) {
        return tenant + "/" + aggregateId;
    }
}
