package dev.tenantcore.api.crm;

import org.axonframework.serialization.Revision;

/** The survivor {@code contactId} absorbed {@code duplicateId}; its details follow as an update. */
@Revision("1")
public record ContactMergedEvent(ContactId contactId, ContactId duplicateId) {}
