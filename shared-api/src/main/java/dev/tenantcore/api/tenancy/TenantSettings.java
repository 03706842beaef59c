package dev.tenantcore.api.tenancy;

/**
 * How a tenant presents itself: a BCP 47 locale, an ISO 4217 currency, an IANA time zone, a tax
 * rate in basis points (2100 = 21 %), and how its orders get paid ({@code checkout}; null in
 * settings saved before checkout settings existed, which then mean the defaults).
 */
public record TenantSettings(
        String displayName,
        String locale,
        String currency,
        String timezone,
        TenantBranding branding,
        int taxRateBasisPoints,
        CheckoutSettings checkout) {

    public TenantSettings(
            String displayName,
            String locale,
            String currency,
            String timezone,
            TenantBranding branding,
            int taxRateBasisPoints) {
        this(displayName, locale, currency, timezone, branding, taxRateBasisPoints, null);
    }

    /** The checkout settings in force: those chosen, or the defaults. */
    public CheckoutSettings checkoutOrDefaults() {
        return checkout == null ? CheckoutSettings.defaults() : checkout;
    }

    public static final String DEFAULT_LOCALE = "en";
    public static final String DEFAULT_CURRENCY = "EUR";
    public static final String DEFAULT_TIMEZONE = "UTC";

    /** What a tenant that never chose its settings shows: its name and neutral defaults. */
    public static TenantSettings defaults(String tenantName) {
        return new TenantSettings(
                tenantName,
                DEFAULT_LOCALE,
                DEFAULT_CURRENCY,
                DEFAULT_TIMEZONE,
                new TenantBranding(null, null, null),
                0,
                CheckoutSettings.defaults());
    }
}
