package dev.tenantcore.api.tenancy;

/** Each filter is optional; {@code text} matches part of the name or slug. */
public record ListTenantsQuery(TenantStatus status, String text, TenantModule module, int limit, String cursor) {}
