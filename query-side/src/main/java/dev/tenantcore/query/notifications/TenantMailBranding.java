package dev.tenantcore.query.notifications;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.TenantBranding;
import dev.tenantcore.api.tenancy.TenantSettingsResponse;
import dev.tenantcore.infra.mail.MailBranding;
import org.springframework.stereotype.Component;

/**
 * The tenant's name, locale and colours from its settings. The logo is the branding's {@code
 * logoUrl} as the settings show it: for a logo chosen from the tenant's media, that image's
 * absolute public URL on the tenant's primary domain.
 */
@Component
class TenantMailBranding implements MailBranding {

    private final MailQueries queries;

    TenantMailBranding(MailQueries queries) {
        this.queries = queries;
    }

    @Override
    public Branding of(TenantId tenantId) {
        TenantSettingsResponse settings = queries.settings(tenantId);
        TenantBranding branding = settings.branding();
        return new Branding(
                settings.displayName(),
                settings.locale(),
                branding == null ? null : branding.primaryColor(),
                branding == null ? null : branding.accentColor(),
                branding == null ? null : branding.logoUrl());
    }
}
