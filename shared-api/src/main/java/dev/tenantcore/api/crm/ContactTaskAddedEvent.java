package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PersonalData;
import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A task about the contact; {@code createdBy} is the staff user who added it (null for a process,
 * such as an automation rule). Its title is the contact's personal data.
 */
@Revision("1")
public record ContactTaskAddedEvent(
        ContactId contactId,
        UUID taskId,

        @PersonalData(subject = DataSubject.CONTACT, id = "contactId")
        String title,

        Instant dueAt,
        UserId assigneeId,
        UserId createdBy) {}
