/**
 * User accounts: staff administered by owners and managers, customers who register on a storefront,
 * each user's own profile and password, password resets by emailed token, and suspension by the
 * platform. A tenant never loses
 * its last active owner ({@code ActiveOwners}, kept in the same transaction as the events). What
 * sign-in checks is recorded the same way ({@code SignInCredentials}), and sign-in and token
 * refresh read it through infra's {@code UserCredentials}.
 */
package dev.tenantcore.command.identity;
