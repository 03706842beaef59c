package dev.tenantcore.command.common;

import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ConversationStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The command side's own record of each contact's conversations: whether each is still going
 * (anything but resolved) and when a message last went in or out. Conversations write it in the
 * transaction of the command that changes them, and automations read it to find where to send a
 * message when the triggering event names a contact but no conversation, so the choice never
 * depends on a lagging read model. It lives in {@code common} because two contexts share it: the
 * CRM's conversations write it, automations read it.
 */
public interface ContactConversations {

    /**
     * The conversation of {@code contact} now stands at {@code status}; {@code activityAt}, when not
     * null, is a message in or out at that time (an earlier one never moves it back).
     */
    void record(ConversationId conversation, ContactId contact, ConversationStatus status, Instant activityAt);

    /** The contact's conversation that is not resolved and had a message most recently, if any. */
    Optional<ConversationId> latestOpen(ContactId contact);
}
