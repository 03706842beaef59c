package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TaxRate;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.api.tenancy.CheckoutSettings;
import dev.tenantcore.api.tenancy.TenantBranding;
import dev.tenantcore.api.tenancy.TenantSettings;
import dev.tenantcore.command.common.MediaLookup;
import dev.tenantcore.command.common.Rules;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What valid tenant settings are, whoever sends them. Values are also normalised (a locale in its
 * canonical case, colours in upper case), so that sending the same settings twice records nothing
 * the second time.
 */
final class TenantSettingsRules {

    static final String COLOR_PATTERN = "^#[0-9A-Fa-f]{6}$";
    static final int MAX_TAX_RATE_BASIS_POINTS = TaxRate.MAX_BASIS_POINTS;
    private static final Pattern COLOR = Pattern.compile(COLOR_PATTERN);
    private static final int MAX_URL_LENGTH = 2000;

    private TenantSettingsRules() {}

    static TenantSettings validated(TenantSettings settings) {
        if (settings == null) {
            throw Rules.invalid("settings are required");
        }
        TenantBranding branding =
                settings.branding() == null ? new TenantBranding(null, null, null) : settings.branding();
        return new TenantSettings(
                Rules.text("displayName", settings.displayName(), 200),
                locale(settings.locale()),
                currency(settings.currency()),
                timezone(settings.timezone()),
                new TenantBranding(
                        color("primaryColor", branding.primaryColor()),
                        color("accentColor", branding.accentColor()),
                        // A media logo is shown by its id; the URL sent beside it is the one the API
                        // showed for it (settings read, changed and sent back), so it is not kept.
                        branding.logoMediaId() == null ? logoUrl(branding.logoUrl()) : null,
                        branding.logoMediaId()),
                taxRate(settings.taxRateBasisPoints()),
                checkout(settings.checkout()));
    }

    /**
     * None chosen stays none (the defaults apply, and settings saved before checkout settings
     * existed compare equal); missing parts take their defaults; the window runs from one minute
     * to a week.
     */
    static CheckoutSettings checkout(CheckoutSettings checkout) {
        CheckoutSettings defaults = CheckoutSettings.defaults();
        if (checkout == null) {
            return null;
        }
        int window = checkout.paymentWindowMinutes() == 0
                ? defaults.paymentWindowMinutes()
                : checkout.paymentWindowMinutes();
        if (window < 1 || window > CheckoutSettings.MAX_PAYMENT_WINDOW_MINUTES) {
            throw Rules.invalid("checkout.paymentWindowMinutes must be between 1 and "
                    + CheckoutSettings.MAX_PAYMENT_WINDOW_MINUTES);
        }
        return new CheckoutSettings(
                checkout.defaultProvider() == null ? defaults.defaultProvider() : checkout.defaultProvider(),
                window,
                checkout.onPaymentFailure() == null ? defaults.onPaymentFailure() : checkout.onPaymentFailure());
    }

    /** A well-formed BCP 47 tag that names a language, e.g. {@code es}, {@code en-GB}, {@code sr-Latn-RS}. */
    static String locale(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            throw Rules.invalid("locale must be a BCP 47 language tag such as en or es-ES");
        }
        Locale locale;
        try {
            locale = new Locale.Builder().setLanguageTag(tag).build();
        } catch (IllformedLocaleException e) {
            throw Rules.invalid("locale '" + tag + "' is not a BCP 47 language tag");
        }
        if (locale.getLanguage().isEmpty() || locale.getLanguage().equals("und")) {
            throw Rules.invalid("locale '" + tag + "' names no language");
        }
        return locale.toLanguageTag();
    }

    static String currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw Rules.invalid("currency must be an ISO 4217 code such as EUR");
        }
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw Rules.invalid("currency '" + code + "' is not an ISO 4217 code");
        }
    }

    /** A region id of the IANA time-zone database ({@code Europe/Madrid}, {@code UTC}), not an offset. */
    static String timezone(String zone) {
        if (zone == null || !ZoneId.getAvailableZoneIds().contains(zone)) {
            throw Rules.invalid("timezone must be an IANA time zone such as Europe/Madrid");
        }
        return zone;
    }

    static String color(String field, String value) {
        if (value == null) {
            return null;
        }
        if (!COLOR.matcher(value).matches()) {
            throw Rules.invalid(field + " must be a colour as #RRGGBB");
        }
        return value.toUpperCase(Locale.ROOT);
    }

    /** Only https, so a storefront never mixes insecure content into its pages. */
    static String logoUrl(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_URL_LENGTH) {
            throw Rules.invalid("logoUrl must be at most " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI uri = new URI(value);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw Rules.invalid("logoUrl must be an https URL");
            }
            return value;
        } catch (URISyntaxException e) {
            throw Rules.invalid("logoUrl must be an https URL");
        }
    }

    /**
     * A logo given as a media id must be one of the command's tenant's own files, and an image: the
     * lookup is written with the files' own events, so this never trusts the lagging read model.
     */
    static void logo(TenantBranding branding, MediaLookup media) {
        MediaId logo = branding == null ? null : branding.logoMediaId();
        if (logo == null) {
            return;
        }
        String type = media.contentType(logo)
                .orElseThrow(() -> new DomainException(
                        ErrorCode.UNKNOWN_MEDIA, "The logo " + logo + " is not one of this shop's files."));
        if (!MediaLookup.image(type)) {
            throw new DomainException(
                    ErrorCode.NOT_AN_IMAGE, "The logo must be a JPEG, PNG or GIF image; " + logo + " is " + type + ".");
        }
    }

    static int taxRate(int basisPoints) {
        return TaxRate.ofBasisPoints(basisPoints).basisPoints();
    }
}
