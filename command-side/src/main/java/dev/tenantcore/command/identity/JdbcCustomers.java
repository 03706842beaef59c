package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.command.common.Customers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link Customers} on the row-level-secured {@code tenant_customers} table. */
@Component
class JdbcCustomers implements Customers {

    private final JdbcTemplate jdbc;

    JdbcCustomers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void registered(UserId customer) {
        jdbc.update(
                "INSERT INTO tenant_customers (tenant_id, user_id) VALUES (app_current_tenant(), ?)"
                        + " ON CONFLICT DO NOTHING",
                customer.value());
    }

    @Override
    public void ended(UserId account) {
        jdbc.update("DELETE FROM tenant_customers WHERE user_id = ?", account.value());
    }

    @Override
    public boolean isCustomer(UserId account) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM tenant_customers WHERE user_id = ?)", Boolean.class, account.value()));
    }
}
