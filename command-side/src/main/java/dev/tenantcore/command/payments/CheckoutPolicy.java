package dev.tenantcore.command.payments;

import dev.tenantcore.api.tenancy.CheckoutSettings;

/** The current tenant's checkout settings, as the payment saga starts an order's payment. */
public interface CheckoutPolicy {

    CheckoutSettings current();
}
