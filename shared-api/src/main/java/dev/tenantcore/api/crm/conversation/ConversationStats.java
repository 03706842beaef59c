package dev.tenantcore.api.crm.conversation;

import java.time.LocalDate;
import java.util.List;

/**
 * Conversation statistics of a range of days: one row per channel and day with activity ({@code
 * days}, oldest first), and one per channel over the whole range ({@code channels}), whose
 * percentiles are over all of the range's durations, not an average of the days'.
 */
public record ConversationStats(
        LocalDate from, LocalDate to, List<ConversationStatsRow> days, List<ConversationStatsRow> channels) {}
