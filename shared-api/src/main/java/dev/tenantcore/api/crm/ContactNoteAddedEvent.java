package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PersonalData;
import dev.tenantcore.api.common.UserId;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A note about the contact; {@code authorId} is the staff user who wrote it (null for a process). */
@Revision("1")
public record ContactNoteAddedEvent(
        ContactId contactId,
        UUID noteId,

        @PersonalData(subject = DataSubject.CONTACT, id = "contactId")
        String text,

        UserId authorId) {}
