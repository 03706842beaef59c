package dev.tenantcore.command.common;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.util.Optional;
import java.util.UUID;

/**
 * Set-based validation: names that must be unique (a slug per tenant, a domain on the platform)
 * are claimed in the same database transaction that appends the aggregate's events, so two
 * concurrent commands can never both win.
 */
public interface UniqueKeys {

    enum Scope {
        TENANT_SLUG(false, ErrorCode.SLUG_TAKEN),
        /** Worded the same for every name and holder: a refusal must not tell who holds a domain. */
        DOMAIN(false, ErrorCode.DOMAIN_TAKEN, "This domain is already in use."),
        USER_EMAIL(true, ErrorCode.EMAIL_TAKEN),
        PRODUCT_SLUG(true, ErrorCode.SLUG_TAKEN),
        CATEGORY_SLUG(true, ErrorCode.SLUG_TAKEN),
        /** A contact's e-mail address, phone, channel handle or customer account: each names one contact. */
        CONTACT_EMAIL(true, ErrorCode.DUPLICATE_CONTACT),
        CONTACT_PHONE(true, ErrorCode.DUPLICATE_CONTACT),
        CONTACT_HANDLE(true, ErrorCode.DUPLICATE_CONTACT),
        CONTACT_ACCOUNT(true, ErrorCode.DUPLICATE_CONTACT),
        /** A value of a unique custom field, keyed by the field's id and the value. */
        CONTACT_FIELD_VALUE(true, ErrorCode.DUPLICATE_CONTACT),
        CUSTOM_FIELD_KEY(true, ErrorCode.CONFLICT),
        LEAD_FORM_KEY(true, ErrorCode.SLUG_TAKEN);

        private final boolean perTenant;
        private final ErrorCode conflict;
        private final String refusal;

        Scope(boolean perTenant, ErrorCode conflict) {
            this(perTenant, conflict, null);
        }

        Scope(boolean perTenant, ErrorCode conflict, String refusal) {
            this.perTenant = perTenant;
            this.conflict = conflict;
            this.refusal = refusal;
        }

        public boolean perTenant() {
            return perTenant;
        }

        public DomainException taken(String key) {
            return new DomainException(conflict, refusal != null ? refusal : "'" + key + "' is already taken.");
        }
    }

    /** Claims {@code key} for {@code owner}; claiming one's own key again is a no-op. */
    void claim(Scope scope, String key, UUID owner);

    void release(Scope scope, String key, UUID owner);

    /** Who holds {@code key}, if anyone. */
    Optional<UUID> holder(Scope scope, String key);
}
