package dev.tenantcore.api.payments;

/** The orders of a payment list; each breaks ties by id, so its pages are stable. */
public enum PaymentSort {
    /** When the payment was created: the default, newest first. */
    CREATED_AT,
    /** When the payment last changed (status, refunds, staff's reference or note). */
    UPDATED_AT
}
