package dev.tenantcore.query.support;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A {@code @PreAuthorize} refusal is thrown inside the controller call, where infra's catch-all
 * {@code @ExceptionHandler(Exception.class)} would turn it into a 500. Answer it as the security
 * chain answers a refused role: 403 {@code forbidden}. Limited to this module's controllers;
 * remove it once infra's advice maps {@link AccessDeniedException} itself.
 */
@RestControllerAdvice(basePackages = "dev.tenantcore.query")
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessDeniedAdvice {

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied() {
        ProblemDetail problem = Problems.of(ErrorCode.FORBIDDEN, "Your role does not allow this.");
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
