package dev.tenantcore.command.common;

import dev.tenantcore.api.common.PostalAddress;

/** What a valid postal address is, for every aggregate that records one. */
public final class PostalAddresses {

    private PostalAddresses() {}

    /**
     * A delivery address needs its street, city, postal code and country; an address that only
     * describes a party (an invoice's buyer) may leave any of them out, but what it gives must be
     * valid. Field names in refusals are prefixed with {@code field}, e.g. {@code billing.city}.
     */
    public static PostalAddress validated(String field, PostalAddress address, boolean deliverable) {
        String country = address.country() == null ? null : address.country().strip();
        if ((deliverable || country != null) && !PostalAddress.isCountryCode(country)) {
            throw Rules.invalid(field + ".country must be an ISO 3166-1 alpha-2 code");
        }
        return new PostalAddress(
                text(field + ".line1", address.line1(), 200, deliverable),
                Rules.optionalText(field + ".line2", address.line2(), 200),
                text(field + ".city", address.city(), 100, deliverable),
                text(field + ".postalCode", address.postalCode(), 20, deliverable),
                Rules.optionalText(field + ".region", address.region(), 100),
                country);
    }

    private static String text(String field, String value, int max, boolean required) {
        return required ? Rules.text(field, value, max) : Rules.optionalText(field, value, max);
    }
}
