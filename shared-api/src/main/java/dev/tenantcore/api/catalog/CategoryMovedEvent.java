package dev.tenantcore.api.catalog;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CategoryMovedEvent(CategoryId categoryId, CategoryId parentId, int position) {}
