package dev.tenantcore.api.invoicing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.tenantcore.api.common.PostalAddress;

/** The seller or the buyer of an invoice; only the name is required. {@code country} is ISO 3166-1 alpha-2. */
public record InvoiceParty(
        String name,
        String email,
        String line1,
        String line2,
        String city,
        String postalCode,
        String region,
        String country,
        String taxId) {

    public static InvoiceParty named(String name) {
        return new InvoiceParty(name, null, null, null, null, null, null, null, null);
    }

    public static InvoiceParty of(String name, String email, PostalAddress address, String taxId) {
        return new InvoiceParty(
                name,
                email,
                address.line1(),
                address.line2(),
                address.city(),
                address.postalCode(),
                address.region(),
                address.country(),
                taxId);
    }

    /** Not a property of its own: the JSON keeps the address fields flat, beside the name. */
    @JsonIgnore
    public PostalAddress postalAddress() {
        return new PostalAddress(line1, line2, city, postalCode, region, country);
    }
}
