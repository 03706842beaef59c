/**
 * Read model of the identity context: each tenant's user accounts ({@code user_accounts}, protected
 * by row-level security), serving sign-in through infra's {@code UserCredentials} port and the
 * {@code FindUserQuery}. Platform administrators are the accounts of the platform tenant.
 */
package dev.tenantcore.query.identity;
