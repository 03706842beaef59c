package dev.tenantcore.api.crm.timeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a timeline entry records. The wire names are part of the API: clients filter on them and
 * render by them, so a name never changes and new kinds are only added.
 */
public enum TimelineEntryType {
    CONTACT_CREATED,
    CONTACT_UPDATED,
    CONTACT_STAGE_CHANGED,
    CONTACT_OWNER_CHANGED,
    CONTACT_NOTE_ADDED,
    CONTACT_TAGGED,
    CONTACT_UNTAGGED,
    CONTACT_ARCHIVED,
    CONTACT_RESTORED,
    CONTACT_MERGED,
    LEAD_SUBMITTED,
    LEAD_STATUS_CHANGED,
    LEAD_NOTE_ADDED,
    LEAD_CONVERTED,
    ORDER_PLACED,
    ORDER_PAID,
    ORDER_SHIPPED,
    ORDER_DELIVERED,
    ORDER_CANCELLED,
    ORDER_EXPIRED,
    ORDER_REFUNDED,
    PAYMENT_SUCCEEDED,
    PAYMENT_FAILED,
    PAYMENT_REFUNDED,
    INVOICE_ISSUED,
    CREDIT_NOTE_ISSUED,
    MESSAGE_RECEIVED,
    MESSAGE_SENT,
    CONTACT_TASK_ADDED,
    CONTACT_TASK_UPDATED,
    CONTACT_TASK_COMPLETED,
    CONTACT_TASK_REOPENED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TimelineEntryType fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
