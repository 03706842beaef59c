package dev.tenantcore.api.crm.lead;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PersonalData;
import dev.tenantcore.api.common.UserId;
import org.axonframework.serialization.Revision;

/** The author is null when no user sent the note (a script, a saga). */
@Revision("1")
public record LeadNoteAddedEvent(
        LeadId leadId,

        @PersonalData(subject = DataSubject.LEAD, id = "leadId")
        String text,

        UserId authorId) {}
