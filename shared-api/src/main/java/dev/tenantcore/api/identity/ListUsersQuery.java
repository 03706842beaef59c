package dev.tenantcore.api.identity;

/** One page of a tenant's accounts, optionally of one role and status. {@code cursor} is the opaque value of the previous page. */
public record ListUsersQuery(Role role, UserStatus status, int limit, String cursor) {}
