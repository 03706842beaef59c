package dev.tenantcore.query.catalog;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline a user would pick instead of event sourcing: the price change of {@code PATCH
 * /api/v1/products/{id}} as a CRUD backend makes it, one transactional {@code UPDATE} of the
 * product's row, behind the very same filters, security chain, tenant resolution and row-level
 * security, with no event, aggregate or projection. It exists only under the {@code bench} profile,
 * for {@code bench/run.sh}'s figure (e); it is in no API document and never in production. It
 * writes the catalogue's read table, so a product it changed no longer follows its events: the
 * bench uses it last on its products.
 */
@Profile("bench")
@RestController
@RequestMapping("/api/v1/bench/crud-twin/products")
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class ProductCrudTwin {

    record PriceChange(Money price) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    ProductCrudTwin(JdbcTemplate jdbc, TenantAwareTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    @PatchMapping("/{id}")
    public ResponseEntity<Map<String, Object>> changePrice(@PathVariable UUID id, @RequestBody PriceChange change) {
        if (change == null || change.price() == null || change.price().currency() == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "price is required");
        }
        Long version = transactions.execute(status -> jdbc.query(
                "UPDATE products SET price_minor = ?, currency = ?, version = version + 1, updated_at = now()"
                        + " WHERE id = ? RETURNING version",
                rs -> rs.next() ? rs.getLong(1) : null,
                change.price().amountMinor(),
                change.price().currency(),
                id));
        if (version == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "There is no such product.");
        }
        return ResponseEntity.ok().eTag("\"" + version + "\"").body(Map.of("id", id, "version", version));
    }
}
