package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** A contact was created; {@code customFields} are keyed by definition id. */
@Revision("1")
public record ContactCreatedEvent(
        ContactId contactId,
        TenantId tenantId,
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
