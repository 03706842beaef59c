package dev.tenantcore.command.common;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.CheckoutSettings;
import dev.tenantcore.api.tenancy.TenantSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TenantFacts} on a map, standing in for the table in aggregate tests. What a failed command
 * wrote is undone, as the rolled-back transaction would undo it.
 */
public final class InMemoryTenantFacts implements TenantFacts {

    private final Map<TenantId, Facts> facts = new HashMap<>();

    /** A tenant registered before the test, with its name and tax rate. */
    public InMemoryTenantFacts known(TenantId tenant, String name, int taxRateBasisPoints) {
        facts.put(tenant, new Facts(name, null, taxRateBasisPoints, CheckoutSettings.defaults()));
        return this;
    }

    @Override
    public void registered(TenantId tenant, String name) {
        Facts before = facts.get(tenant);
        facts.put(tenant, new Facts(name, null, 0, CheckoutSettings.defaults()));
        undoLater(tenant, before);
    }

    @Override
    public void renamed(TenantId tenant, String name) {
        Facts before = facts.get(tenant);
        if (before != null) {
            facts.put(
                    tenant,
                    new Facts(
                            name,
                            before.displayName(),
                            before.taxRateBasisPoints(),
                            before.checkout(),
                            before.currency()));
            undoLater(tenant, before);
        }
    }

    @Override
    public void settingsChanged(TenantId tenant, TenantSettings settings) {
        Facts before = facts.get(tenant);
        if (before != null) {
            facts.put(
                    tenant,
                    new Facts(
                            before.name(),
                            settings.displayName(),
                            settings.taxRateBasisPoints(),
                            settings.checkoutOrDefaults(),
                            settings.currency()));
            undoLater(tenant, before);
        }
    }

    @Override
    public Optional<Facts> of(TenantId tenant) {
        return Optional.ofNullable(facts.get(tenant));
    }

    private void undoLater(TenantId tenant, Facts before) {
        TestTransactions.onRollback(() -> {
            if (before == null) {
                facts.remove(tenant);
            } else {
                facts.put(tenant, before);
            }
        });
    }
}
