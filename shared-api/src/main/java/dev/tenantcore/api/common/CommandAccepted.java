package dev.tenantcore.api.common;

/**
 * What a command endpoint answers by default: the id of the aggregate the command went to and the
 * version it reached, which the caller sends back as {@code If-Match} on its next change.
 */
public record CommandAccepted(String id, long version) {}
