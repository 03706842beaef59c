package dev.tenantcore.api.common;

/**
 * A rule of the domain refused a request. Carries a stable {@link ErrorCode} so that the edge
 * maps it to a response without reading the message.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;

    public DomainException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
