package dev.tenantcore.api.crm.lead;

import org.axonframework.serialization.Revision;

/** The lead's contact details after the change. */
@Revision("1")
public record LeadUpdatedEvent(LeadId leadId, String name, String email, String phone, String message) {}
