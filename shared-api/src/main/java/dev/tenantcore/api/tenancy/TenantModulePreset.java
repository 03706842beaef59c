package dev.tenantcore.api.tenancy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The subscription types the platform sells, each a fixed set of modules. */
public enum TenantModulePreset {
    FULL(EnumSet.allOf(TenantModule.class)),
    CRM_ONLY(EnumSet.of(TenantModule.CRM)),
    BILLING_ONLY(EnumSet.of(TenantModule.BILLING));

    private final Set<TenantModule> modules;

    TenantModulePreset(Set<TenantModule> modules) {
        this.modules = modules;
    }

    public Set<TenantModule> modules() {
        return EnumSet.copyOf(modules);
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static TenantModulePreset fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
