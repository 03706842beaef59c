package dev.tenantcore.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem responses. Every error the API returns goes through here, so each one
 * has a {@code type}, a stable {@code code} and never a stack trace.
 */
public final class Problems {

    public static final String TYPE_BASE = "urn:tenantcore:problem:";

    private Problems() {}

    public static ProblemDetail of(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(ErrorStatus.of(code), detail);
        problem.setType(URI.create(TYPE_BASE + code.code()));
        problem.setTitle(ErrorStatus.of(code).getReasonPhrase());
        problem.setProperty("code", code.code());
        return problem;
    }

    /** A problem with extra members (where in the input the error is, say). */
    public static ProblemDetail of(ErrorCode code, String detail, Map<String, Object> properties) {
        ProblemDetail problem = of(code, detail);
        properties.forEach(problem::setProperty);
        return problem;
    }

    public static ProblemDetail invalid(String detail, List<Map<String, String>> fieldErrors) {
        ProblemDetail problem = of(ErrorCode.VALIDATION_FAILED, detail);
        problem.setProperty("errors", fieldErrors);
        return problem;
    }

    /** For filters that answer before Spring MVC is reached. */
    public static void write(HttpServletResponse response, ObjectMapper json, ErrorCode code, String detail)
            throws IOException {
        HttpStatus status = ErrorStatus.of(code);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), of(code, detail));
    }
}
