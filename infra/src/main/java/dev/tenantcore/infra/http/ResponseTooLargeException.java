package dev.tenantcore.infra.http;

import java.io.IOException;

/** A response body longer than the caller's cap; the connection is cut rather than drained. */
public class ResponseTooLargeException extends IOException {

    public ResponseTooLargeException(long limit) {
        super("the response is longer than " + limit + " bytes");
    }
}
