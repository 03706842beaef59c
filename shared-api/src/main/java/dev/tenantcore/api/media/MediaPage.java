package dev.tenantcore.api.media;

import java.util.List;

public record MediaPage(List<MediaResponse> items, String nextCursor) {}
