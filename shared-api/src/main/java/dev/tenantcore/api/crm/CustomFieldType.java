package dev.tenantcore.api.crm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kind of value a custom field holds. Select fields choose among the definition's options. */
public enum CustomFieldType {
    TEXT,
    NUMBER,
    DATE,
    BOOLEAN,
    SINGLE_SELECT,
    MULTI_SELECT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CustomFieldType fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
