package dev.tenantcore.api.media;

public record FindMediaQuery(MediaId mediaId) {}
