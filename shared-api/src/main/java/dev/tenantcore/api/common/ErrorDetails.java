package dev.tenantcore.api.common;

/**
 * What a command handler tells its caller about a refusal, carried as the details of Axon's
 * {@code CommandExecutionException} so it survives a distributed command bus.
 */
public record ErrorDetails(ErrorCode code, String detail) {}
