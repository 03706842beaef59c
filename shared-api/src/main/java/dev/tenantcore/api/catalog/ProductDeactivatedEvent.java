package dev.tenantcore.api.catalog;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ProductDeactivatedEvent(ProductId productId) {}
