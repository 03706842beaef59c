package dev.tenantcore.api.crm.conversation;

import java.util.List;

/**
 * One staff user's unread customer messages: over all the tenant's conversations ({@code total}),
 * those assigned to the user ({@code assigned}), those assigned to nobody ({@code unassigned}), and
 * per conversation (assigned to the user or to nobody, with unread messages; most recent first, at
 * most {@link #MAX_CONVERSATIONS}).
 */
public record UnreadConversationsResponse(
        long total, long assigned, long unassigned, List<UnreadConversation> conversations) {

    public static final int MAX_CONVERSATIONS = 100;

    public record UnreadConversation(ConversationId conversationId, int unread, boolean assignedToMe) {}
}
