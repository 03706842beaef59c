package dev.tenantcore.query.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.FindTenantBySlugQuery;
import dev.tenantcore.api.tenancy.FindTenantQuery;
import dev.tenantcore.api.tenancy.ListTenantsQuery;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantPage;
import dev.tenantcore.api.tenancy.TenantResponse;
import dev.tenantcore.api.tenancy.TenantStatus;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Platform operators browse tenants here: administrators and platform auditors. The security chain
 * already admits only them to reads of {@code /api/v1/platform/**}; the annotation keeps that true
 * if a route moves.
 * The handler methods are public because method security works through a proxy.
 */
@RestController
@RequestMapping("/api/v1/platform/tenants")
@PreAuthorize("hasAnyRole('PLATFORM_ADMIN','PLATFORM_AUDITOR')")
class PlatformTenantController {

    private final ReadQueries queries;

    PlatformTenantController(ReadQueries queries) {
        this.queries = queries;
    }

    /** {@code q} matches part of the name or slug, literally ({@code %} and {@code _} are no wildcards). */
    @GetMapping
    public TenantPage list(
            @RequestParam(required = false)
                    @Pattern(
                            regexp = "active|suspended|closed|pending|trial|trial_ended",
                            message = "must be active, suspended, closed, pending, trial or trial_ended")
                    String status,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) TenantModule module,
            @RequestParam(defaultValue = "" + PageSize.DEFAULT) @Min(1) @Max(PageSize.MAX) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        var query = new ListTenantsQuery(
                status == null ? null : TenantStatus.fromWireName(status), q, module, limit, cursor);
        return queries.one(query, TenantPage.class);
    }

    @GetMapping("/by-slug/{slug}")
    public ResponseEntity<TenantResponse> getBySlug(@PathVariable @Size(max = 100) String slug) {
        return found(new FindTenantBySlugQuery(slug));
    }

    @GetMapping("/{id}")
    public ResponseEntity<TenantResponse> get(@PathVariable UUID id) {
        return found(new FindTenantQuery(new TenantId(id)));
    }

    private ResponseEntity<TenantResponse> found(Object query) {
        return queries.versioned(query, TenantResponse.class, TenantResponse::version, "The tenant does not exist.");
    }
}
