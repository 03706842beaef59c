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
    AUDITOR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
