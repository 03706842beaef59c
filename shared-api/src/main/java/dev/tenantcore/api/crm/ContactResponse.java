package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A contact as staff read it. {@code customFields} are keyed by the fields' current keys; values of
 * removed fields are not shown. {@code status} is {@code active}, {@code archived} or {@code merged};
 * a merged contact names its {@code mergedInto} survivor.
 */
public record ContactResponse(
        ContactId id,
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
        List<ChannelHandle> channelHandles,
        List<ContactNote> notes,
        String status,
        ContactId mergedInto,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
