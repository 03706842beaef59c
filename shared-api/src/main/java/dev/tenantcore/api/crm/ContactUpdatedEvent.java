package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PersonalData;
import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.UserId;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** A contact's details after a change (or after absorbing a merged duplicate), complete. */
@Revision("1")
public record ContactUpdatedEvent(
        ContactId contactId,

        @PersonalData(subject = DataSubject.CONTACT, id = "contactId")
        String name,

        String company,

        @PersonalData(subject = DataSubject.CONTACT, id = "contactId")
        List<String> emails,

        @PersonalData(subject = DataSubject.CONTACT, id = "contactId")
        List<String> phones,

        @PersonalData(subject = DataSubject.CONTACT, id = "contactId")
        PostalAddress address,

        String locale,
        String stage,
        UserId ownerId,
        String source,
        List<Consent> consents,

        List<String> tags,

        @PersonalData(subject = DataSubject.CONTACT, id = "contactId")
        Map<String, Object> customFields,

        UserId customerAccountId,

        @PersonalData(subject = DataSubject.CONTACT, id = "contactId")
        List<ChannelHandle> channelHandles)
        implements ContactDetails {}
