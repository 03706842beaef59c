package dev.tenantcore.infra.web;

import dev.tenantcore.api.common.ErrorCode;
import org.springframework.http.HttpStatus;

/** The one place where an error code gets its HTTP status. */
public final class ErrorStatus {

    private ErrorStatus() {}

    public static HttpStatus of(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, MALFORMED_REQUEST, CATEGORY_CYCLE, RESET_TOKEN_INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED, INVALID_CREDENTIALS, INVALID_TOKEN -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN, TENANT_SUSPENDED, TENANT_CLOSED, TENANT_MISMATCH, MODULE_DISABLED -> HttpStatus.FORBIDDEN;
            case NOT_FOUND, TENANT_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case CONFLICT, INVALID_STATE, SLUG_TAKEN, DOMAIN_TAKEN, EMAIL_TAKEN, CATEGORY_NOT_EMPTY, LAST_OWNER ->
                HttpStatus.CONFLICT;
            case VERSION_CONFLICT -> HttpStatus.PRECONDITION_FAILED;
            case PRECONDITION_REQUIRED -> HttpStatus.PRECONDITION_REQUIRED;
            case OUT_OF_STOCK, IDEMPOTENCY_IN_PROGRESS, IDEMPOTENCY_RESPONSE_LOST, REFUND_PENDING, PAYMENT_OPENING ->
                HttpStatus.CONFLICT;
            case DUPLICATE_CONTACT -> HttpStatus.CONFLICT;
            case DOMAIN_VERIFICATION_FAILED,
                    IDEMPOTENCY_KEY_REUSED,
                    UNKNOWN_CUSTOMER,
                    TEMPLATE_INVALID,
                    MAIL_VERIFICATION_FAILED,
                    UNKNOWN_FORM_FIELD,
                    INVALID_SEGMENT_FILTER,
                    UNKNOWN_MEDIA,
                    NOT_AN_IMAGE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case PAYLOAD_TOO_LARGE, STORAGE_QUOTA_EXCEEDED -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case INVALID_SIGNATURE -> HttpStatus.BAD_REQUEST;
            case PAYMENT_PROVIDER_FAILED -> HttpStatus.BAD_GATEWAY;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
            case BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
            case SIGNUP_TOKEN_INVALID -> HttpStatus.BAD_REQUEST;
            case SLUG_RESERVED -> HttpStatus.CONFLICT;
            case TENANT_PENDING, TRIAL_ENDED -> HttpStatus.FORBIDDEN;
            case ORIGIN_NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            case MEDIA_IN_USE, DOWNLOAD_LINK_UNAVAILABLE -> HttpStatus.CONFLICT;
            case OUTSIDE_MESSAGING_WINDOW -> HttpStatus.CONFLICT;
            case CHANNEL_PROVIDER_FAILED -> HttpStatus.BAD_GATEWAY;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case COUPON_CODE_TAKEN -> HttpStatus.CONFLICT;
            case COUPON_UNKNOWN,
                    COUPON_INACTIVE,
                    COUPON_NOT_STARTED,
                    COUPON_EXPIRED,
                    COUPON_LIMIT_REACHED,
                    COUPON_CUSTOMER_LIMIT_REACHED,
                    COUPON_MINIMUM_NOT_MET,
                    COUPON_CURRENCY_MISMATCH -> HttpStatus.UNPROCESSABLE_ENTITY;
            case SNOOZE_UNTIL_INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
            case WEBHOOK_URL_REFUSED, UNKNOWN_EVENT_TYPE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case INVALID_RULE_CONDITION, INVALID_RULE_ACTION -> HttpStatus.UNPROCESSABLE_ENTITY;
            case REBUILD_RUNNING -> HttpStatus.CONFLICT;
            case EXPORT_NOT_READY, OFFBOARDING_STARTED -> HttpStatus.CONFLICT;
        };
    }
}
