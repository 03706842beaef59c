package dev.tenantcore.api.crm.conversation;

import java.time.LocalDate;

/** Conversation statistics of the days {@code from} to {@code to} (UTC, both included); {@code channelId} may be null. */
public record ConversationStatsQuery(LocalDate from, LocalDate to, ChannelId channelId) {}
