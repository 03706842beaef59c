package dev.tenantcore.command.common;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.util.HashSet;
import java.util.Set;

/**
 * {@link Customers} on a set, standing in for {@code tenant_customers} in aggregate tests. Rows
 * belong to the tenant bound in {@link TenantContext}; what a failed command changed is undone, as
 * its rolled-back transaction would undo it.
 */
public final class InMemoryCustomers implements Customers {

    private record Row(TenantId tenant, UserId account) {}

    private final Set<Row> rows = new HashSet<>();

    /** Customers of {@code tenant} that earlier commands registered. */
    public InMemoryCustomers given(TenantId tenant, UserId... customers) {
        for (UserId customer : customers) {
            rows.add(new Row(tenant, customer));
        }
        return this;
    }

    /** Whether {@code account} is on {@code tenant}'s list, as a test reads it afterwards. */
    public boolean isCustomerOf(TenantId tenant, UserId account) {
        return rows.contains(new Row(tenant, account));
    }

    @Override
    public void registered(UserId customer) {
        Row row = row(customer);
        if (rows.add(row)) {
            TestTransactions.onRollback(() -> rows.remove(row));
        }
    }

    @Override
    public void ended(UserId account) {
        Row row = row(account);
        if (rows.remove(row)) {
            TestTransactions.onRollback(() -> rows.add(row));
        }
    }

    @Override
    public boolean isCustomer(UserId account) {
        return rows.contains(row(account));
    }

    private static Row row(UserId account) {
        TenantId tenant = TenantContext.current()
                .orElseThrow(() -> new IllegalStateException("the customer list needs a tenant bound to the thread"));
        return new Row(tenant, account);
    }
}
