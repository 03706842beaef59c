package dev.tenantcore.api.common;

import java.util.regex.Pattern;

/**
 * Where a party is, the one shape of a postal address: street lines, city, postal code, region and
 * an ISO 3166-1 alpha-2 {@code country}. Orders and invoices keep their flat JSON (the fields sit
 * beside the party's name) and hand out this record, so an address travels from order to invoice
 * field for field.
 */
public record PostalAddress(String line1, String line2, String city, String postalCode, String region, String country) {

    private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");

    public static boolean isCountryCode(String code) {
        return code != null && COUNTRY.matcher(code).matches();
    }
}
