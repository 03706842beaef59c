package dev.tenantcore.api.crm;

import org.axonframework.serialization.Revision;

/** The contact was merged into {@code survivorId}, which answers for it from now on. */
@Revision("1")
public record ContactMergedIntoEvent(ContactId contactId, ContactId survivorId) {}
