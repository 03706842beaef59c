package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PersonalData;
import dev.tenantcore.api.common.UserId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record UserProfileUpdatedEvent(
        UserId userId,

        @PersonalData(subject = DataSubject.USER, id = "userId")
        String displayName) {}
