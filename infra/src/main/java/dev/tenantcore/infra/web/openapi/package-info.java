/**
 * The API document at {@code /v3/api-docs}, described from the code itself: security from the
 * public routes and {@code @PreAuthorize}, command responses from
 * {@link dev.tenantcore.infra.web.CommandEndpoint}, {@code Idempotency-Key} from
 * {@link dev.tenantcore.infra.idempotency.Idempotent}, error responses from the error codes and
 * their statuses, rate-limit headers from the rate-limit rules. Nothing here names a controller,
 * so new endpoints are described the same way without further work.
 */
package dev.tenantcore.infra.web.openapi;
