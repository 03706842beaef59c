package dev.tenantcore.api.crm.segment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a filter combines its conditions: a member meets all of them, or any one. */
public enum SegmentMatch {
    ALL,
    ANY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SegmentMatch fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
