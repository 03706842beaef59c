package dev.tenantcore.api.catalog;

import java.util.List;

public record CategoryNode(CategoryId id, String name, String slug, int position, List<CategoryNode> children) {}
