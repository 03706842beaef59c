package dev.tenantcore.api.apikeys;

/** One page of the tenant's API keys, oldest first; {@code cursor} is the previous page's opaque value. */
public record ListApiKeysQuery(int limit, String cursor) {}
