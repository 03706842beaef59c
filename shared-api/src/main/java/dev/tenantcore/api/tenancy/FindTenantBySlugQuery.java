package dev.tenantcore.api.tenancy;

public record FindTenantBySlugQuery(String slug) {}
