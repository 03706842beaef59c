package dev.tenantcore.api.invoicing;

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
}
