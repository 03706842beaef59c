package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.infra.tenancy.TenantContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A customer sees only their own: the one rule by which both sides limit what a customer reads
 * and changes. Queries and commands carry the scope, and another customer's resource answers
 * exactly as a missing one.
 */
public final class CustomerScope {

    private CustomerScope() {}

    /** The caller when signed in as a customer, whom every read and change is limited to; null for staff and API keys. */
    public static UserId current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean customer =
                auth != null && auth.getAuthorities().stream().anyMatch(a -> "ROLE_CUSTOMER".equals(a.getAuthority()));
        if (!customer) {
            return null;
        }
        return TenantContext.currentUser()
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED, "Sign in first."));
    }
}
