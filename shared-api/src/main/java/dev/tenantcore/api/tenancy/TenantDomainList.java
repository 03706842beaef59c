package dev.tenantcore.api.tenancy;

import java.util.List;

/** A tenant's domains; {@code version} is the tenant's, which every domain change advances. */
public record TenantDomainList(List<TenantDomainResponse> items, long version) {}
