package dev.tenantcore.api.crm.lead;

import org.axonframework.serialization.Revision;

@Revision("1")
public record LeadRejectedEvent(LeadId leadId, String reason) {}
