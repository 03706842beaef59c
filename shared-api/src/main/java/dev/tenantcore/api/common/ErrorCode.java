package dev.tenantcore.api.common;

/**
 * Stable error codes returned to API clients in the {@code code} member of every problem
 * response. The codes are part of the public contract: never rename one.
 */
public enum ErrorCode {
    VALIDATION_FAILED("validation_failed"),
    MALFORMED_REQUEST("malformed_request"),
    NOT_FOUND("not_found"),
    CONFLICT("conflict"),
    INVALID_STATE("invalid_state"),
    VERSION_CONFLICT("version_conflict"),
    SLUG_TAKEN("slug_taken"),
    DOMAIN_TAKEN("domain_taken"),
    EMAIL_TAKEN("email_taken"),
    CATEGORY_CYCLE("category_cycle"),
    CATEGORY_NOT_EMPTY("category_not_empty"),
    TENANT_NOT_FOUND("tenant_not_found"),
    TENANT_SUSPENDED("tenant_suspended"),
    TENANT_MISMATCH("tenant_mismatch"),
    MODULE_DISABLED("module_disabled"),
    UNAUTHENTICATED("unauthenticated"),
    INVALID_CREDENTIALS("invalid_credentials"),
    INVALID_TOKEN("invalid_token"),
    FORBIDDEN("forbidden"),
    PAYLOAD_TOO_LARGE("payload_too_large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    METHOD_NOT_ALLOWED("method_not_allowed"),
    RATE_LIMITED("rate_limited"),
    LAST_OWNER("last_owner"),
    RESET_TOKEN_INVALID("reset_token_invalid"),
    DOMAIN_VERIFICATION_FAILED("domain_verification_failed"),
    TENANT_CLOSED("tenant_closed"),
    OUT_OF_STOCK("out_of_stock"),
    IDEMPOTENCY_KEY_REUSED("idempotency_key_reused"),
    IDEMPOTENCY_IN_PROGRESS("idempotency_in_progress"),
    INVALID_SIGNATURE("invalid_signature"),
    PAYMENT_PROVIDER_FAILED("payment_provider_failed"),
    REFUND_PENDING("refund_pending"),
    PAYMENT_OPENING("payment_opening"),
    INTERNAL_ERROR("internal_error"),
    BUSY("busy"),
    UNKNOWN_CUSTOMER("unknown_customer"),
    TEMPLATE_INVALID("template_invalid"),
    MAIL_VERIFICATION_FAILED("mail_verification_failed"),
    STORAGE_QUOTA_EXCEEDED("storage_quota_exceeded"),
    SLUG_RESERVED("slug_reserved"),
    SIGNUP_TOKEN_INVALID("signup_token_invalid"),
    TENANT_PENDING("tenant_pending"),
    TRIAL_ENDED("trial_ended"),
    DUPLICATE_CONTACT("duplicate_contact"),
    UNKNOWN_FORM_FIELD("unknown_form_field"),
    /** A browser origin the route does not admit (CORS), e.g. a page other than the platform's own site calling sign-up. */
    ORIGIN_NOT_ALLOWED("origin_not_allowed"),
    INVALID_SEGMENT_FILTER("invalid_segment_filter"),
    UNKNOWN_MEDIA("unknown_media"),
    NOT_AN_IMAGE("not_an_image"),
    PRECONDITION_REQUIRED("precondition_required"),
    /** An idempotent request's command was carried out, but a crash lost its answer: look the resource up. */
    IDEMPOTENCY_RESPONSE_LOST("idempotency_response_lost"),
    /** A file that something still shows by its id (the shop's logo): it cannot be deleted. */
    MEDIA_IN_USE("media_in_use"),
    /** The storage signs no download links (the local directory): the file is read through the API. */
    DOWNLOAD_LINK_UNAVAILABLE("download_link_unavailable"),
    /** A free-form message outside the channel's customer-service window (WhatsApp: 24 h after the customer's last message); only a template may be sent. */
    OUTSIDE_MESSAGING_WINDOW("outside_messaging_window"),
    /** The messaging channel refused the request or its credentials. */
    CHANNEL_PROVIDER_FAILED("channel_provider_failed"),
    /** The Accept header excludes every type the route answers with (JSON; a PDF where one is offered). */
    NOT_ACCEPTABLE("not_acceptable"),
    /** Another coupon of the tenant has this code, whatever its case, archived ones included. */
    COUPON_CODE_TAKEN("coupon_code_taken"),
    COUPON_UNKNOWN("coupon_unknown"),
    /** An archived coupon. */
    COUPON_INACTIVE("coupon_inactive"),
    COUPON_NOT_STARTED("coupon_not_started"),
    COUPON_EXPIRED("coupon_expired"),
    /** The coupon's total number of uses is reached. */
    COUPON_LIMIT_REACHED("coupon_limit_reached"),
    /** The buyer has used the coupon as often as one customer may. */
    COUPON_CUSTOMER_LIMIT_REACHED("coupon_customer_limit_reached"),
    /** The goods add up to less than the coupon's minimum subtotal. */
    COUPON_MINIMUM_NOT_MET("coupon_minimum_not_met"),
    /** The order is priced in another currency than the coupon's amounts. */
    COUPON_CURRENCY_MISMATCH("coupon_currency_mismatch"),
    /** A conversation's snooze must end in the future, and at most 90 days ahead. */
    SNOOZE_UNTIL_INVALID("snooze_until_invalid"),
    /** A webhook URL that is not https, or whose host does not resolve to public addresses only. */
    WEBHOOK_URL_REFUSED("webhook_url_refused"),
    /** A name that is not in the public event catalogue. */
    UNKNOWN_EVENT_TYPE("unknown_event_type"),
    /** An automation rule's CEL condition does not compile or type-check; the problem says where ({@code line}, {@code column}). */
    INVALID_RULE_CONDITION("invalid_rule_condition"),
    /** An automation rule's actions are not valid (too many, an unknown stage, a wait out of range, …). */
    INVALID_RULE_ACTION("invalid_rule_action"),
    /** A rebuild of the projection for that tenant, or in full, is running. */
    REBUILD_RUNNING("rebuild_running"),
    /** An export's file is asked for before the export is ready (or after it failed). */
    EXPORT_NOT_READY("export_not_ready"),
    /** A tenant's offboarding is started while one has started already. */
    OFFBOARDING_STARTED("offboarding_started");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
