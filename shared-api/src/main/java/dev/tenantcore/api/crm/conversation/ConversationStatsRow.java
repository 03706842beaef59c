package dev.tenantcore.api.crm.conversation;

import java.time.LocalDate;

/**
 * A channel's figures on one day ({@code day} null for a whole range): conversations opened (a first
 * message or a reopening) and resolved, customer messages in and replies out, the time from a
 * cycle's first customer message to staff's first reply, and from its opening to its resolution.
 * A duration counts on the day its span ended.
 */
public record ConversationStatsRow(
        ChannelId channelId,
        LocalDate day,
        int conversationsOpened,
        int conversationsResolved,
        int messagesIn,
        int messagesOut,
        DurationPercentiles firstResponse,
        DurationPercentiles resolution) {}
