package dev.tenantcore.api.media;

/** Where a file of the current tenant is stored, for serving it; null when the tenant has no such file. */
public record MediaObjectQuery(MediaId mediaId) {}
