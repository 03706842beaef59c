package dev.tenantcore.api.crm.lead;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a form field accepts. Visitors send every value as text, as an HTML form does; the type
 * says how it is checked. The first {@code email} and {@code phone} fields are the lead's contact
 * details, by which conversion finds an existing contact.
 */
public enum LeadFieldType {
    TEXT,
    EMAIL,
    PHONE,
    NUMBER,
    BOOLEAN,
    /** One of the field's {@code options}. */
    CHOICE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static LeadFieldType fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
