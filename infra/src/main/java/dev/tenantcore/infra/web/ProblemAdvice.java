package dev.tenantcore.infra.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.ErrorDetails;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every exception that reaches a controller to a problem response with a stable code. Domain
 * refusals arrive either as {@link DomainException} or, from a command bus, wrapped in a
 * {@link HandlerExecutionException} whose details carry the {@link ErrorDetails}.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e) {
        if (e instanceof RetryLaterException later) {
            return ResponseEntity.status(ErrorStatus.of(e.code()))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(later.retryAfterSeconds()))
                    .body(Problems.of(e.code(), e.getMessage()));
        }
        return respond(Problems.of(e.code(), e.getMessage(), e.properties()));
    }

    @ExceptionHandler({HandlerExecutionException.class, CompletionException.class, ExecutionException.class})
    ResponseEntity<ProblemDetail> wrapped(Exception e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof HandlerExecutionException h) {
                Optional<Object> details = h.getDetails();
                if (details.isPresent() && details.get() instanceof ErrorDetails d) {
                    return respond(Problems.of(d.code(), d.detail(), d.properties()));
                }
            }
            if (cause instanceof DomainException d) {
                return domain(d);
            }
            if (cause instanceof AggregateNotFoundException || cause instanceof IncompatibleAggregateException) {
                return notFound();
            }
            if (cause instanceof ConflictingModificationException) {
                return versionConflict();
            }
            if (cause instanceof ConcurrencyException) {
                return concurrentChange();
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return unexpected(e);
    }

    /**
     * No aggregate has the id, or the id is another kind of aggregate's (a command for a user named
     * with a tenant's id loads that tenant's events, which build no user): either way no such resource.
     */
    @ExceptionHandler({AggregateNotFoundException.class, IncompatibleAggregateException.class})
    ResponseEntity<ProblemDetail> notFound() {
        return respond(Problems.of(ErrorCode.NOT_FOUND, "The resource does not exist."));
    }

    @ExceptionHandler(ConflictingModificationException.class)
    ResponseEntity<ProblemDetail> versionConflict() {
        return respond(
                Problems.of(ErrorCode.VERSION_CONFLICT, "The resource changed since the version given in If-Match."));
    }

    /**
     * Two nodes changed one aggregate at once and the event store kept the other's event (same
     * aggregate, same sequence number): nothing of this request was written, and asking again
     * decides against the new state.
     */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentChange() {
        return respond(Problems.of(ErrorCode.CONFLICT, "The resource was changed at the same time; try again."));
    }

    /** A {@code @PreAuthorize} refusal is thrown inside the controller call, not in the filter chain. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied() {
        return respond(Problems.of(ErrorCode.FORBIDDEN, "Your role does not allow this."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(Problems.invalid(
                "A parameter has the wrong type.", List.of(field(e.getName(), "must be a valid " + typeName(e)))));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraint(ConstraintViolationException e) {
        var errors = e.getConstraintViolations().stream()
                .map(v -> field(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        return respond(Problems.invalid("The request is not valid.", errors));
    }

    /** A multipart body that cannot be parsed (too large ones are answered with 413 above). */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unparseableForm(MultipartException e) {
        return respond(Problems.of(ErrorCode.MALFORMED_REQUEST, "The request body is not a valid multipart form."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return respond(Problems.of(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> field(f.getField(), f.getDefaultMessage()))
                .toList();
        return objectResponse(Problems.invalid("The request is not valid.", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> field(r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return objectResponse(Problems.invalid("The request is not valid.", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e instanceof RequestSizeLimitFilter.BodyTooLargeException) {
            return objectResponse(Problems.of(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage()));
        }
        Throwable cause = e.getCause();
        if (unparseable(cause)) {
            // Broken JSON inside a field (a list cut off, say) reaches here wrapped as a field error.
            return objectResponse(Problems.of(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON."));
        }
        if (cause instanceof ValueInstantiationException vie && vie.getCause() instanceof DomainException d) {
            return objectResponse(Problems.invalid(d.getMessage(), List.of(field(path(vie), d.getMessage()))));
        }
        if (cause instanceof InvalidFormatException ife) {
            return objectResponse(Problems.invalid(
                    "A field has the wrong type or value.", List.of(field(path(ife), "has an invalid value"))));
        }
        if (cause instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            return objectResponse(
                    Problems.invalid("A field has the wrong type or value.", List.of(field(path(jme), "is invalid"))));
        }
        return objectResponse(Problems.of(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        boolean form = e.getSupportedMediaTypes().stream().anyMatch(MediaType.MULTIPART_FORM_DATA::includes);
        return objectResponse(Problems.of(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Send the request body as " + (form ? "multipart/form-data." : "application/json.")));
    }

    /**
     * A read whose {@code Accept} excludes what the route answers with. The problem itself is
     * written as {@code application/problem+json} all the same (RFC 9457 problems are the one
     * answer every route may give).
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return objectResponse(Problems.of(
                ErrorCode.NOT_ACCEPTABLE,
                "This route answers with application/json (an invoice or credit note also with application/pdf),"
                        + " which the Accept header excludes."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return objectResponse(Problems.of(ErrorCode.METHOD_NOT_ALLOWED, "This method is not allowed here."));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return objectResponse(Problems.of(ErrorCode.NOT_FOUND, "The resource does not exist."));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return objectResponse(
                Problems.invalid("A parameter is missing.", List.of(field(e.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e instanceof MissingRequestHeaderException m) {
            return objectResponse(
                    Problems.invalid("A header is missing.", List.of(field(m.getHeaderName(), "is required"))));
        }
        ErrorCode code = status.value() == 413
                ? ErrorCode.PAYLOAD_TOO_LARGE
                : status.is5xxServerError() ? ErrorCode.INTERNAL_ERROR : ErrorCode.MALFORMED_REQUEST;
        ProblemDetail problem =
                Problems.of(code, status.is5xxServerError() ? "Something went wrong on our side." : e.getMessage());
        problem.setStatus(status.value());
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    /**
     * A busy answer always says when to come back; one that lost its {@link RetryLaterException} on
     * the way (a refusal from a command handler arrives as its code only) in a second.
     */
    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            return ResponseEntity.status(problem.getStatus())
                    .header(HttpHeaders.RETRY_AFTER, "1")
                    .body(problem);
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static ResponseEntity<Object> objectResponse(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static Map<String, String> field(String field, String message) {
        return Map.of("field", field == null ? "" : field, "message", message == null ? "is invalid" : message);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String typeName(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        return type == null ? "value" : type.getSimpleName();
    }

    private static boolean unparseable(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException) {
                return true;
            }
        }
        return false;
    }
}
