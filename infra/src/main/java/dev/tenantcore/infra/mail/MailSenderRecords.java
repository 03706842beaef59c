package dev.tenantcore.infra.mail;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.notifications.MailSender;
import java.util.Optional;

/**
 * The command's tenant's own mail sender as the mail sender reads it ({@code email_settings} and the
 * credential store): written by the mail settings' commands in their own transaction, so a mail sent
 * right after a change goes out with it, never with what a projection had reached. Call inside a
 * tenant transaction.
 */
public interface MailSenderRecords {

    /** What a change decides with: whether the sender is on, its provider, version, and whether a secret is stored. */
    record Current(boolean enabled, String provider, long version, boolean secretSet) {}

    /** The tenant's settings as recorded, or empty when it never set any up. */
    Optional<Current> current();

    /** Writes the sender, enabled, at {@code version}. */
    void saved(TenantId tenant, MailSender sender, long version);

    /** Stores a new secret in place of the old one. */
    void secretReplaced(String secret);

    /** Forgets the stored secret, if any. */
    void secretRemoved();

    /** The tenant's own sender is off at {@code version}. */
    void disabled(long version);
}
