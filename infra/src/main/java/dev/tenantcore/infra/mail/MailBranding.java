package dev.tenantcore.infra.mail;

import dev.tenantcore.api.common.TenantId;

/**
 * How a tenant presents itself in its mails: name, default locale, colours and logo. The logo is an
 * absolute URL: the tenant's stored logo on its primary domain, or the URL it gave before logos
 * were media (see the query side's implementation).
 */
public interface MailBranding {

    Branding of(TenantId tenantId);

    record Branding(String displayName, String locale, String primaryColor, String accentColor, String logoUrl) {}
}
