package dev.tenantcore.api.crm.lead;

import org.axonframework.serialization.Revision;

@Revision("1")
public record LeadQualifiedEvent(LeadId leadId) {}
