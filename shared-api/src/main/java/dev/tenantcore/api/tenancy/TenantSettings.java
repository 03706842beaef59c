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

    /**
     * The same settings with the checkout settings in force written out, as the API shows them:
     * settings saved before checkout settings existed answer the defaults, never null.
     */
    public TenantSettings withCheckoutInForce() {
        return checkout != null
                ? this
                : new TenantSettings(
                        displayName,
                        locale,
                        currency,
                        timezone,
                        branding,
                        taxRateBasisPoints,
                        CheckoutSettings.defaults());
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
