package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.util.Set;

/**
 * Slugs a self-served sign-up may not take. A signed-up tenant's slug becomes its subdomain of the
 * platform's base domain, so names the platform serves itself or may serve later (its site, its
 * API, mail, status and documentation hosts), names that look like the platform speaking
 * (admin, support, security) and the hosts of mail and certificate checks are kept back. The
 * platform may still register any valid slug for a tenant itself. The README lists them.
 */
final class ReservedSlugs {

    static final Set<String> RESERVED = Set.of(
            "about",
            "abuse",
            "account",
            "accounts",
            "admin",
            "administrator",
            "api",
            "app",
            "apps",
            "assets",
            "auth",
            "autoconfig",
            "autodiscover",
            "billing",
            "blog",
            "cdn",
            "dashboard",
            "demo",
            "dev",
            "docs",
            "email",
            "ftp",
            "help",
            "hostmaster",
            "imap",
            "internal",
            "login",
            "mail",
            "media",
            "mx",
            "ns1",
            "ns2",
            "platform",
            "pop",
            "postmaster",
            "root",
            "security",
            "signup",
            "smtp",
            "staging",
            "static",
            "status",
            "support",
            "system",
            "tenantcore",
            "test",
            "webmail",
            "webmaster",
            "www");

    private ReservedSlugs() {}

    /** Refuses a reserved slug; {@code slug} is already a valid, lower-case slug. */
    static void refuse(String slug) {
        if (RESERVED.contains(slug)) {
            throw new DomainException(ErrorCode.SLUG_RESERVED, "The slug '" + slug + "' is reserved.");
        }
    }
}
