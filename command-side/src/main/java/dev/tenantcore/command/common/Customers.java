package dev.tenantcore.command.common;

import dev.tenantcore.api.common.UserId;

/**
 * The command side's own record of each tenant's customer accounts: whom an order may be placed
 * for. Accounts write it in the transaction of their events ({@code JdbcCustomers}) and orders read
 * it, so an order for an account registered a moment ago is accepted and one for an account deleted
 * a moment ago is refused, however far the user read model lags. It lives in {@code common} because
 * two contexts share it: identity writes it, ordering asks it.
 *
 * <p>A customer stays one while deactivated (staff may still record an order for them); deleting the
 * account or making it staff ends it. Each tenant sees only its own customers, so another tenant's
 * customer is no customer here.
 */
public interface Customers {

    /** A customer account was registered in the current tenant. */
    void registered(UserId customer);

    /** The account is no customer any more: deleted, or made staff. */
    void ended(UserId account);

    /** Whether {@code account} is a customer of the current tenant. */
    boolean isCustomer(UserId account);
}
