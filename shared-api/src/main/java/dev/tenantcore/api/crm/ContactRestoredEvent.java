package dev.tenantcore.api.crm;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ContactRestoredEvent(ContactId contactId) {}
