/**
 * Read model of the identity context: each tenant's user accounts ({@code user_accounts}, protected
 * by row-level security), serving the {@code FindUserQuery} and {@code ListUsersQuery}, the staff
 * reads under {@code /api/v1/users} and the caller's own {@code /api/v1/account}. Platform
 * administrators are the accounts of the platform tenant. Sign-in never reads it: it checks the
 * command side's own record, which cannot lag behind a password change or a deactivation.
 */
package dev.tenantcore.query.identity;
