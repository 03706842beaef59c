package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.UserId;
import java.util.List;
import java.util.Map;

/**
 * What a contact is, as creating it states and as its events record it. E-mail addresses are
 * lower-case and phones are E.164 once the aggregate accepted them. {@code stage} is one of the
 * tenant's lifecycle stages; {@code ownerId} a staff user. {@code customFields} are keyed by the
 * definition's id in events (so renaming a field never touches a contact) and by the field's key in
 * commands, as clients name them.
 */
public interface ContactDetails {

    String name();

    String company();

    List<String> emails();

    List<String> phones();

    PostalAddress address();

    String locale();

    String stage();

    UserId ownerId();

    String source();

    List<Consent> consents();

    List<String> tags();

    Map<String, Object> customFields();

    UserId customerAccountId();

    List<ChannelHandle> channelHandles();
}
