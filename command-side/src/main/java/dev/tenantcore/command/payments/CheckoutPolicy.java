package dev.tenantcore.command.payments;

import dev.tenantcore.api.tenancy.CheckoutSettings;

/**
 * The current tenant's checkout settings, as the payment saga starts an order's payment: those in
 * force from the moment their change committed.
 */
public interface CheckoutPolicy {

    CheckoutSettings current();
}
