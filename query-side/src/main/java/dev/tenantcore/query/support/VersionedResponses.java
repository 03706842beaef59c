package dev.tenantcore.query.support;

import org.springframework.http.ResponseEntity;

/**
 * Single-resource answers carry the aggregate version as a strong {@code ETag}: the value a client
 * sends back in {@code If-Match} to update. Spring MVC also answers a matching
 * {@code If-None-Match} on GET with 304 from this header alone.
 */
public final class VersionedResponses {

    private VersionedResponses() {}

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public static <T> ResponseEntity<T> ok(T body, long version) {
        return ResponseEntity.ok().eTag(etag(version)).body(body);
    }
}
