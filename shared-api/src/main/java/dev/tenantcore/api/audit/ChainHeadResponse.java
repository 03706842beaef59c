package dev.tenantcore.api.audit;

/** A link of the tenant's hash chain: how many events it covers, the last one's position, its hash (hex). */
public record ChainHeadResponse(long count, long globalPosition, String hash) {}
