package dev.tenantcore.api.tenancy;

public record TenantSettingsResponse(
        String displayName,
        String locale,
        String currency,
        String timezone,
        TenantBranding branding,
        int taxRateBasisPoints,
        CheckoutSettings checkout,
        long version) {

    public static TenantSettingsResponse of(TenantSettings settings, long version) {
        return new TenantSettingsResponse(
                settings.displayName(),
                settings.locale(),
                settings.currency(),
                settings.timezone(),
                settings.branding(),
                settings.taxRateBasisPoints(),
                settings.checkoutOrDefaults(),
                version);
    }
}
