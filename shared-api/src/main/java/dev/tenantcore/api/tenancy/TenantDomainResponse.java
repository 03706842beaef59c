package dev.tenantcore.api.tenancy;

public record TenantDomainResponse(String domain, boolean primary, boolean active) {}
