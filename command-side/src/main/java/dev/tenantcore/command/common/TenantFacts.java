package dev.tenantcore.command.common;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.CheckoutSettings;
import dev.tenantcore.api.tenancy.TenantSettings;
import java.util.Optional;

/**
 * The command side's own record of each tenant: what other contexts' commands decide with and
 * write into their events (the seller on an invoice, the tax rate of an order, how an order gets
 * paid). The {@code Tenant} aggregate writes it in the same transaction as its events, as products
 * write stock levels, so a fact recorded in an event never depends on how far the tenant read model
 * lags behind: a change is in force from the moment its command commits.
 */
public interface TenantFacts {

    void registered(TenantId tenant, String name);

    void renamed(TenantId tenant, String name);

    void settingsChanged(TenantId tenant, TenantSettings settings);

    /** Empty only for a tenant that was never registered. */
    Optional<Facts> of(TenantId tenant);

    /** The facts of a tenant that commands run for: one that was registered. */
    default Facts require(TenantId tenant) {
        return of(tenant).orElseThrow(() -> new IllegalStateException("no tenant " + tenant));
    }

    /**
     * A tenant that never chose settings has no display name, no tax, the default currency and the
     * default checkout.
     */
    record Facts(String name, String displayName, int taxRateBasisPoints, CheckoutSettings checkout, String currency) {

        public Facts {
            currency = currency == null ? TenantSettings.DEFAULT_CURRENCY : currency;
        }

        /** Facts in the default currency. */
        public Facts(String name, String displayName, int taxRateBasisPoints, CheckoutSettings checkout) {
            this(name, displayName, taxRateBasisPoints, checkout, null);
        }

        /** How the tenant presents itself as a seller: the display name it chose, else its name. */
        public String sellerName() {
            return displayName == null ? name : displayName;
        }
    }
}
