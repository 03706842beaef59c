package dev.tenantcore.api.media;

/** A stored file as the image endpoint serves it. */
public record MediaObject(MediaId id, String storageKey, String contentType, String sha256) {}
