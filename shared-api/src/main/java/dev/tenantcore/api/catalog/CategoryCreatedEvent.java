package dev.tenantcore.api.catalog;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record CategoryCreatedEvent(
        CategoryId categoryId, TenantId tenantId, String name, String slug, CategoryId parentId, int position) {}
