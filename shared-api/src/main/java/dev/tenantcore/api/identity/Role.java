package dev.tenantcore.api.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a user may do: platform-wide, inside a tenant, or as a storefront customer. */
public enum Role {
    PLATFORM_ADMIN,
    OWNER,
    MANAGER,
    STAFF,
    CUSTOMER,
    /** Reads everything of one tenant, its history included, and changes nothing. */
    AUDITOR,
    /**
     * Reads platform-wide: the platform's read endpoints and the history and exports of any tenant
     * it names; changes nothing. Only a platform administrator makes one.
     */
    PLATFORM_AUDITOR;

    /** Whether the role belongs to the platform scope rather than to a tenant. */
    public boolean platformScope() {
        return this == PLATFORM_ADMIN || this == PLATFORM_AUDITOR;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
