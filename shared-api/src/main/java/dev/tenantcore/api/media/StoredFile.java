package dev.tenantcore.api.media;

/**
 * A file as it was stored: its object key, the type sniffed from its bytes, its size and SHA-256
 * (of the stored bytes, after metadata was stripped), and its pixel size when it is an image.
 */
public record StoredFile(
        String storageKey,
        String contentType,
        long sizeBytes,
        String sha256,
        Integer width,
        Integer height,
        String fileName) {}
