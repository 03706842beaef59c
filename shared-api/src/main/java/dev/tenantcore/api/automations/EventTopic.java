package dev.tenantcore.api.automations;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A family of public events, as subscribers choose them: a live stream subscribes to topics, a
 * webhook endpoint may filter by them.
 */
public enum EventTopic {
    ORDERS,
    PAYMENTS,
    INVOICES,
    CATALOG,
    CONTACTS,
    LEADS,
    CONVERSATIONS,
    /** A rule's runs: started, each step done or failed, finished or parked. Staff only. */
    AUTOMATION_RUNS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static EventTopic fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
