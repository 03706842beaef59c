package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PersonalData;
import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A task's title, due time and assignee as they now stand (null: none). */
@Revision("1")
public record ContactTaskUpdatedEvent(
        ContactId contactId,
        UUID taskId,

        @PersonalData(subject = DataSubject.CONTACT, id = "contactId")
        String title,

        Instant dueAt,
        UserId assigneeId) {}
