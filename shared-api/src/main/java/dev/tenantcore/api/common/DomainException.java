package dev.tenantcore.api.common;

import java.util.Map;

/**
 * A rule of the domain refused a request. Carries a stable {@link ErrorCode} so that the edge
 * maps it to a response without reading the message.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> properties;

    public DomainException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    /** {@code properties} are added to the problem body (say, where in an expression the error is). */
    public DomainException(ErrorCode code, String message, Map<String, Object> properties) {
        super(message, null, false, false);
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
