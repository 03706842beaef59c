package dev.tenantcore.api.identity;

import java.util.List;

public record UserPage(List<UserResponse> items, String nextCursor) {}
