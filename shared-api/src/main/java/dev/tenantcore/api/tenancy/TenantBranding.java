package dev.tenantcore.api.tenancy;

/** Colours as {@code #RRGGBB}; the logo as an https URL. Each may be null. */
public record TenantBranding(String primaryColor, String accentColor, String logoUrl) {}
