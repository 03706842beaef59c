package dev.tenantcore.query.tenancy;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.FindTenantDomainsQuery;
import dev.tenantcore.api.tenancy.FindTenantSettingsQuery;
import dev.tenantcore.api.tenancy.TenantDomainList;
import dev.tenantcore.api.tenancy.TenantSettingsResponse;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.query.support.ReadQueries;
import dev.tenantcore.query.support.VersionedResponses;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's staff read their own tenant's domains and settings, and its storefront reads the
 * public part of the settings without signing in. The tenant is always the request's, resolved
 * from its Origin or Host; no path names one.
 */
@RestController
class OwnTenantQueryController {

    private final ReadQueries queries;

    OwnTenantQueryController(ReadQueries queries) {
        this.queries = queries;
    }

    /** Unverified domains show the token to publish at {@code /.well-known/tenantcore-domain-verification}. */
    @GetMapping("/api/v1/tenant/domains")
    @PreAuthorize("hasRole('OWNER')")
    public ResponseEntity<TenantDomainList> domains() {
        TenantDomainList domains = queries.one(new FindTenantDomainsQuery(tenant()), TenantDomainList.class);
        return VersionedResponses.ok(found(domains), domains.version());
    }

    @GetMapping("/api/v1/tenant/settings")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'STAFF', 'AUDITOR')")
    public ResponseEntity<TenantSettingsResponse> settings() {
        TenantSettingsResponse settings = findSettings();
        return VersionedResponses.ok(settings, settings.version());
    }

    /**
     * What a storefront needs to present the shop, tax rate included so it can show prices with
     * tax; nothing here is secret.
     */
    @GetMapping("/api/v1/public/settings")
    public ResponseEntity<TenantSettingsResponse> publicSettings() {
        TenantSettingsResponse settings = findSettings();
        return VersionedResponses.ok(settings, settings.version());
    }

    private TenantSettingsResponse findSettings() {
        return found(queries.one(new FindTenantSettingsQuery(tenant()), TenantSettingsResponse.class));
    }

    private static <T> T found(T value) {
        if (value == null) {
            throw new DomainException(ErrorCode.TENANT_NOT_FOUND, "No tenant is registered for this domain.");
        }
        return value;
    }

    /** The edge admits no tenant-less request here; refusing one anyway keeps that true if routes change. */
    private static TenantId tenant() {
        return TenantContext.requireTenant("No tenant for this request.");
    }
}
