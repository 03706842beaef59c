package dev.tenantcore.api.crm.lead;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PersonalData;
import org.axonframework.serialization.Revision;

/** The lead's contact details after the change. */
@Revision("1")
public record LeadUpdatedEvent(
        LeadId leadId,

        @PersonalData(subject = DataSubject.LEAD, id = "leadId")
        String name,

        @PersonalData(subject = DataSubject.LEAD, id = "leadId")
        String email,

        @PersonalData(subject = DataSubject.LEAD, id = "leadId")
        String phone,

        @PersonalData(subject = DataSubject.LEAD, id = "leadId")
        String message) {}
