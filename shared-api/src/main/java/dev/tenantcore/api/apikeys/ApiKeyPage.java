package dev.tenantcore.api.apikeys;

import java.util.List;

public record ApiKeyPage(List<ApiKeyResponse> items, String nextCursor) {}
