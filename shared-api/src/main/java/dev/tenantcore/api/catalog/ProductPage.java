package dev.tenantcore.api.catalog;

import java.util.List;

public record ProductPage(List<ProductResponse> items, String nextCursor) {}
