package dev.tenantcore.api.tenancy;

public record ListTenantsQuery(TenantStatus status, int limit, String cursor) {}
