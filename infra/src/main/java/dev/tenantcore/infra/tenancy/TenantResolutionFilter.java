package dev.tenantcore.infra.tenancy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Finds the tenant a request is for, before anything else runs: the browser's {@code Origin}
 * first, then the {@code Host} (a custom domain pointing at the API). An {@code Origin} that is
 * no active tenant domain stops the request with {@code tenant_not_found}; a {@code Host} that is
 * none leaves the request tenant-less (the platform scope), which only the auth, own-account and
 * platform endpoints accept.
 */
@Component
@Order(TenantResolutionFilter.ORDER)
public class TenantResolutionFilter extends OncePerRequestFilter {

    /** Before Spring Security (-100), so authentication already knows the request's tenant. */
    public static final int ORDER = -200;

    public static final String TENANT_ATTRIBUTE = TenantResolutionFilter.class.getName() + ".tenant";

    /**
     * Payment webhooks come from the provider, not from a tenant's domain; their handler finds the
     * tenant from the endpoint id and trusts it only once that tenant's signature secret verifies.
     */
    private static final List<String> TENANT_LESS_PREFIXES = List.of(
            "/api/v1/platform",
            "/actuator",
            "/v3/api-docs",
            "/swagger-ui",
            "/.well-known",
            "/error",
            "/api/v1/webhooks/",
            // A sign-up creates a tenant: it comes from the platform's own site, not a tenant's domain.
            "/api/v1/signup");

    private static final List<String> TENANT_OPTIONAL_PREFIXES = List.of("/api/v1/auth/", "/api/v1/account");
    /** Exist only inside a tenant: platform administrators neither register nor reset passwords by email. */
    private static final List<String> TENANT_REQUIRED_AUTH_PREFIXES =
            List.of("/api/v1/auth/register", "/api/v1/auth/password-reset");

    private final TenantDirectory directory;
    private final ObjectMapper json;

    TenantResolutionFilter(TenantDirectory directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (startsWithAny(path, TENANT_LESS_PREFIXES) || path.equals("/swagger-ui.html")) {
            try (var scope = TenantContext.enter(TenantId.PLATFORM, null)) {
                chain.doFilter(request, response);
            }
            return;
        }
        Optional<TenantEntry> tenant;
        String origin = request.getHeader("Origin");
        if (origin != null) {
            tenant = directory.byDomain(hostOf(origin));
            if (tenant.isEmpty()) {
                Problems.write(response, json, ErrorCode.TENANT_NOT_FOUND, "No tenant is registered for this origin.");
                return;
            }
        } else {
            tenant = directory.byDomain(stripPort(request.getServerName()));
        }
        if (tenant.isEmpty()
                && (!startsWithAny(path, TENANT_OPTIONAL_PREFIXES)
                        || startsWithAny(path, TENANT_REQUIRED_AUTH_PREFIXES))) {
            Problems.write(response, json, ErrorCode.TENANT_NOT_FOUND, "No tenant is registered for this domain.");
            return;
        }
        if (tenant.isPresent()) {
            TenantEntry entry = tenant.get();
            if (entry.closed()) {
                Problems.write(response, json, ErrorCode.TENANT_CLOSED, "This tenant is closed.");
                return;
            }
            if (entry.suspended()) {
                Problems.write(response, json, ErrorCode.TENANT_SUSPENDED, "This tenant is suspended.");
                return;
            }
            if (entry.pending()) {
                Problems.write(
                        response,
                        json,
                        ErrorCode.TENANT_PENDING,
                        "This tenant waits for its owner's email verification.");
                return;
            }
            // An ended trial keeps the tenant's data readable and its users able to sign in, and changes nothing.
            if (entry.trialEnded() && !isRead(request) && !path.startsWith("/api/v1/auth/")) {
                Problems.write(response, json, ErrorCode.TRIAL_ENDED, "This tenant's trial has ended.");
                return;
            }
            var module = ModuleRoutes.moduleFor(path);
            if (module.isPresent() && !entry.hasModule(module.get())) {
                Problems.write(
                        response,
                        json,
                        ErrorCode.MODULE_DISABLED,
                        "The " + module.get().wireName() + " module is not enabled for this tenant.");
                return;
            }
            request.setAttribute(TENANT_ATTRIBUTE, entry);
        }
        try (var scope = TenantContext.enter(tenant.map(TenantEntry::id).orElse(TenantId.PLATFORM), null)) {
            chain.doFilter(request, response);
        }
    }

    /**
     * Whether a request to this path is answered in a tenant's name, and so can be refused for an
     * unknown, suspended or closed tenant or a disabled module.
     */
    public static boolean resolvesTenant(String path) {
        return !startsWithAny(path, TENANT_LESS_PREFIXES) && !path.equals("/swagger-ui.html");
    }

    private static boolean isRead(HttpServletRequest request) {
        String method = request.getMethod();
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    private static boolean startsWithAny(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(path::startsWith);
    }

    static String hostOf(String origin) {
        try {
            String host = URI.create(origin.trim()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String stripPort(String serverName) {
        if (serverName == null) {
            return null;
        }
        String host = serverName.toLowerCase(Locale.ROOT);
        return host.startsWith("[") ? host : host.replaceFirst(":\\d+$", "");
    }
}
