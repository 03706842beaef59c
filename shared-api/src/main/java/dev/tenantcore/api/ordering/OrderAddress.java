package dev.tenantcore.api.ordering;

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
        String country) {}
