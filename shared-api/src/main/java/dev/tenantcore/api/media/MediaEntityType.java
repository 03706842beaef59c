package dev.tenantcore.api.media;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a file is shown on. A product or category is named by its id; the tenant's logo, hero and
 * banner by the tenant's id.
 */
public enum MediaEntityType {
    PRODUCT,
    CATEGORY,
    TENANT_LOGO,
    TENANT_HERO,
    TENANT_BANNER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MediaEntityType fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Whether the entity belongs to the tenant itself (its branding) rather than to its catalogue. */
    public boolean branding() {
        return this == TENANT_LOGO || this == TENANT_HERO || this == TENANT_BANNER;
    }
}
