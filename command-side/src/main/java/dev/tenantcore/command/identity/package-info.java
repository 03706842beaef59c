/**
 * User accounts: staff administered by owners and managers, customers who register on a storefront,
 * each user's own profile and password, and password resets by emailed token. A tenant never loses
 * its last active owner ({@code ActiveOwners}, kept in the same transaction as the events).
 */
package dev.tenantcore.command.identity;
