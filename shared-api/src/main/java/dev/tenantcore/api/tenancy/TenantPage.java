package dev.tenantcore.api.tenancy;

import java.util.List;

public record TenantPage(List<TenantResponse> items, String nextCursor) {}
