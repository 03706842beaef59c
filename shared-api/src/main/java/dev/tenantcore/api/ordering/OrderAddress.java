package dev.tenantcore.api.ordering;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.tenantcore.api.common.PostalAddress;

/** A billing or shipping party: who, how to reach them and where. {@code country} is ISO 3166-1 alpha-2. */
public record OrderAddress(
        String name,
        String email,
        String phone,
        String line1,
        String line2,
        String city,
        String postalCode,
        String region,
        String country) {

    public static OrderAddress of(String name, String email, String phone, PostalAddress address) {
        return new OrderAddress(
                name,
                email,
                phone,
                address.line1(),
                address.line2(),
                address.city(),
                address.postalCode(),
                address.region(),
                address.country());
    }

    /** Not a property of its own: the JSON keeps the address fields flat, beside the name. */
    @JsonIgnore
    public PostalAddress postalAddress() {
        return new PostalAddress(line1, line2, city, postalCode, region, country);
    }
}
