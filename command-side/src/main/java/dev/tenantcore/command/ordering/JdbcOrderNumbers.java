package dev.tenantcore.command.ordering;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link OrderNumbers} on one row-level-secured counter row per tenant. */
@Component
class JdbcOrderNumbers implements OrderNumbers {

    private final JdbcTemplate jdbc;

    JdbcOrderNumbers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The row stays locked until the transaction ends, so two orders can never share a number. */
    @Override
    public long next() {
        Long number = jdbc.queryForObject("""
                INSERT INTO order_counters (tenant_id, last_number) VALUES (app_current_tenant(), 1)
                ON CONFLICT (tenant_id) DO UPDATE SET last_number = order_counters.last_number + 1
                RETURNING last_number
                """, Long.class);
        if (number == null) {
            throw new IllegalStateException("the order counter returned no number");
        }
        return number;
    }
}
