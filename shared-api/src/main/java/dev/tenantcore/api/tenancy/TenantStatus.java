package dev.tenantcore.api.tenancy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whether a tenant may use the platform. A closed tenant is closed for good. A self-served sign-up
 * is {@code pending} until its owner proves the email address, then a {@code trial} until its end
 * date, then {@code trial_ended} (reads only) until the platform takes it on as {@code active}.
 */
public enum TenantStatus {
    ACTIVE,
    SUSPENDED,
    CLOSED,
    PENDING,
    TRIAL,
    TRIAL_ENDED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TenantStatus fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
