package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ChannelHandle;
import dev.tenantcore.api.crm.ContactId;
import java.util.Optional;

/**
 * Finds the current tenant's contact by what identifies it, as contacts claimed it in their own
 * command transactions: a lookup from a command handler sees every contact committed before, never
 * a lagging read model. Inputs are normalised as contacts store them ({@link ContactKeys}), so
 * {@code " Ann@Example.com"} finds {@code ann@example.com}; input that cannot be normalised finds
 * nothing. A merged contact's keys belong to its survivor, so a lookup never answers a merged one.
 *
 * <p>Call it inside a transaction bound to the tenant (any command or event handler is).
 */
public interface ContactDirectory {

    Optional<ContactId> byEmail(String email);

    /** {@code region} reads a phone given without its country code; may be null. */
    Optional<ContactId> byPhone(String phone, String region);

    Optional<ContactId> byChannelHandle(ChannelHandle handle);

    Optional<ContactId> byCustomerAccount(UserId account);
}
