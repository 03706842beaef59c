package dev.tenantcore.api.crm;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ContactUntaggedEvent(ContactId contactId, String tag) {}
