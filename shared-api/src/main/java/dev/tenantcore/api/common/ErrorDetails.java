package dev.tenantcore.api.common;

import java.util.Map;

/**
 * What a command handler tells its caller about a refusal, carried as the details of Axon's
 * {@code CommandExecutionException} so it survives a distributed command bus.
 */
public record ErrorDetails(ErrorCode code, String detail, Map<String, Object> properties) {

    public ErrorDetails(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public ErrorDetails {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
