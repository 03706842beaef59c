package dev.tenantcore.api.catalog;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CategoryUpdatedEvent(CategoryId categoryId, String name, String slug, int position) {}
