package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.Role;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The authenticated caller of the current request. */
public final class CurrentUser {

    private CurrentUser() {}

    public static Optional<JwtAuthenticationToken> token() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth instanceof JwtAuthenticationToken jwt ? Optional.of(jwt) : Optional.empty();
    }

    public static UserId id() {
        return token().map(t -> UserId.of(t.getToken().getSubject()))
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED, "Sign in first."));
    }

    /** The caller's role, as the access token states it. */
    public static Role role() {
        return token().map(t -> t.getToken().getClaimAsStringList(TokenService.ROLES_CLAIM))
                .filter(roles -> roles != null && roles.size() == 1)
                .map(roles -> Role.fromWireName(roles.get(0)))
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED, "Sign in first."));
    }

    public static UUID sessionId() {
        return token().map(t -> UUID.fromString(t.getToken().getClaimAsString(TokenService.SESSION_CLAIM)))
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED, "Sign in first."));
    }
}
