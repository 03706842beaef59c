package dev.tenantcore.api.tenancy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A part of the product that a tenant switches on or off. */
public enum TenantModule {
    STOREFRONT,
    BILLING,
    CRM,
    AUTOMATIONS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TenantModule fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
