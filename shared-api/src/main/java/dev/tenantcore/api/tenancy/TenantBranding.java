package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.media.MediaId;

/**
 * Colours as {@code #RRGGBB}; the logo as one of the tenant's own uploaded images ({@code
 * logoMediaId}) or, as tenants chose it before media existed, an https URL ({@code logoUrl}). Each
 * may be null. When the logo is a media id, what the API shows as {@code logoUrl} is that image's
 * public URL on the tenant's primary domain; events keep only the id.
 */
public record TenantBranding(String primaryColor, String accentColor, String logoUrl, MediaId logoMediaId) {

    /** Branding as recorded before logos could be media: {@code logoMediaId} reads as null. */
    public TenantBranding(String primaryColor, String accentColor, String logoUrl) {
        this(primaryColor, accentColor, logoUrl, null);
    }
}
