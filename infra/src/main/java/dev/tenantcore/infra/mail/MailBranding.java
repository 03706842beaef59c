package dev.tenantcore.infra.mail;

import dev.tenantcore.api.common.TenantId;

/**
 * How a tenant presents itself in its mails: name, default locale, colours and logo. The logo is a
 * URL: media will hand the tenant's stored logo here once it exists (see the query side's
 * implementation).
 */
public interface MailBranding {

    Branding of(TenantId tenantId);

    record Branding(String displayName, String locale, String primaryColor, String accentColor, String logoUrl) {}
}
