package dev.tenantcore.api.tenancy;

/** {@code verificationToken} is set only while the domain is unverified. */
public record TenantDomainResponse(
        String domain, boolean primary, boolean active, boolean verified, String verificationToken) {}
