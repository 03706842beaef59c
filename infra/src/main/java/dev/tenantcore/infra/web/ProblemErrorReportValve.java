package dev.tenantcore.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.ErrorCode;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat refuses some requests itself, before any filter or Spring MVC sees them: header fields
 * larger than the connector takes, a request line or header it cannot parse. Its own valve answers
 * those with an HTML page (or nothing); this one answers with the API's problem and a stable code,
 * like every other refusal.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    private final ObjectMapper json;

    ProblemErrorReportValve(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.MALFORMED_REQUEST;
        };
        String detail = code == ErrorCode.MALFORMED_REQUEST
                ? "The request could not be read: its request line or header fields are malformed or too large."
                : null;
        try {
            response.resetBuffer();
            Problems.write(response, json, code, detail);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is already on its way: nothing left to tell.
        }
    }
}
