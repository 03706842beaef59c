package dev.tenantcore.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token is valid only for the tenant it was issued in: a token of tenant A presented on tenant
 * B's domain is refused with 403 before any handler runs. Then the user joins the tenant context,
 * so every command and query of the request carries both. An API key acts the same way, its id
 * standing as the user.
 */
@Component
public class TokenTenantFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    TokenTenantFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof ApiKeyAuthentication key) {
            actAsApiKey(key, request, response, chain);
            return;
        }
        if (!(auth instanceof JwtAuthenticationToken jwt)) {
            chain.doFilter(request, response);
            return;
        }
        TenantId requestTenant = TenantContext.current().orElse(TenantId.PLATFORM);
        TenantId tokenTenant;
        UserId user;
        try {
            tokenTenant = TenantId.of(jwt.getToken().getClaimAsString(TokenService.TENANT_CLAIM));
            user = UserId.of(jwt.getToken().getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            Problems.write(response, json, ErrorCode.INVALID_TOKEN, "The access token is not valid.");
            return;
        }
        if (!tokenTenant.equals(requestTenant)) {
            Problems.write(response, json, ErrorCode.TENANT_MISMATCH, "The access token belongs to another tenant.");
            return;
        }
        try (var scope = TenantContext.enter(requestTenant, user)) {
            chain.doFilter(request, response);
        }
    }

    /** The key was found under the request's tenant already; checked again so no path can skip it. */
    private void actAsApiKey(
            ApiKeyAuthentication key, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TenantId requestTenant = TenantContext.current().orElse(TenantId.PLATFORM);
        if (!key.tenantId().equals(requestTenant)) {
            Problems.write(response, json, ErrorCode.TENANT_MISMATCH, "The API key belongs to another tenant.");
            return;
        }
        try (var scope = TenantContext.enter(requestTenant, key.actingUser())) {
            chain.doFilter(request, response);
        }
    }
}
