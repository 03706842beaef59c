package dev.tenantcore.api.crm.lead;

import dev.tenantcore.api.crm.ContactId;
import org.axonframework.serialization.Revision;

/**
 * The lead became {@code contactId}: a contact created for it ({@code contactCreated}), or the
 * tenant's existing contact with the lead's email or phone.
 */
@Revision("1")
public record LeadConvertedEvent(LeadId leadId, ContactId contactId, boolean contactCreated) {}
