package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.UserId;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a contact. Refused with {@code duplicate_contact} when one of its e-mail addresses,
 * phones or channel handles already belongs to another contact of the tenant. Phones may be given
 * in national form when {@code address.country} names their region. {@code customFields} are keyed
 * by the fields' keys. Null lists and maps mean none; a null stage means the tenant's first stage.
 */
public record CreateContactCommand(
        @TargetAggregateIdentifier ContactId contactId,
        String name,
        String company,
        List<String> emails,
        List<String> phones,
        PostalAddress address,
        String locale,
        String stage,
        UserId ownerId,
        String source,
        List<Consent> consents,
        List<String> tags,
        Map<String, Object> customFields,
        UserId customerAccountId,
        List<ChannelHandle> channelHandles)
        implements ContactDetails {}
