package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.UserId;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Changes some details of a contact; a {@code null} component keeps the current value, an empty
 * list or map clears it. {@code customFields} are keyed by the fields' keys and replace only the
 * fields they name; a null value there removes that field's value. {@code clearOwner} unassigns.
 */
public record UpdateContactCommand(
        @TargetAggregateIdentifier ContactId contactId,
        @TargetAggregateVersion Long expectedVersion,
        String name,
        String company,
        List<String> emails,
        List<String> phones,
        PostalAddress address,
        String locale,
        String stage,
        UserId ownerId,
        boolean clearOwner,
        String source,
        List<Consent> consents,
        List<String> tags,
        Map<String, Object> customFields,
        UserId customerAccountId,
        List<ChannelHandle> channelHandles) {}
