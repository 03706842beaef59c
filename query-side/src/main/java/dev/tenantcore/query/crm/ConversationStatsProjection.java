package dev.tenantcore.query.crm;

import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ConversationStartedEvent;
import dev.tenantcore.api.crm.conversation.ConversationStats;
import dev.tenantcore.api.crm.conversation.ConversationStatsQuery;
import dev.tenantcore.api.crm.conversation.ConversationStatsRow;
import dev.tenantcore.api.crm.conversation.ConversationStatus;
import dev.tenantcore.api.crm.conversation.ConversationStatusChangedEvent;
import dev.tenantcore.api.crm.conversation.DurationPercentiles;
import dev.tenantcore.api.crm.conversation.InboundMessageReceivedEvent;
import dev.tenantcore.api.crm.conversation.OutboundMessageRequestedEvent;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.Sql;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Conversation statistics per channel and UTC day, in the {@code crm-conversations} processor: counters
 * in {@code conversation_stats_daily}, one row per measured span in {@code
 * conversation_stats_durations}, and where each conversation's current cycle stands in {@code
 * conversation_stats_state}. A query reads a range's counters and takes the percentiles of its
 * durations; it never reads messages.
 *
 * <p>A cycle starts when the conversation opens (its first message, or a reopening after it was
 * resolved). Its first response time runs from its first customer message to the first reply staff
 * wrote (a message with an author; notes are not replies); its resolution time from its opening to
 * its resolution. Each event is applied once: the state row keeps the sequence number of the last
 * event applied, and an event at or below it changes nothing.
 */
@Component
@ProcessingGroup("crm-conversations")
class ConversationStatsProjection {

    static final String DAILY = "conversation_stats_daily";
    static final String DURATIONS = "conversation_stats_durations";
    static final String STATE = "conversation_stats_state";
    static final String FIRST_RESPONSE = "first_response";
    static final String RESOLUTION = "resolution";
    /** A range longer than this is refused by the controller; kept here for the query too. */
    static final int MAX_DAYS = 366;

    private final ReadModel store;

    ConversationStatsProjection(ReadModel store) {
        this.store = store;
    }

    /** The cycle's state before the event, once the event is known to be new. */
    private record Cycle(
            UUID channel, boolean resolved, Instant openedAt, Instant firstInboundAt, Instant firstResponseAt) {}

    @EventHandler
    void on(ConversationStartedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        int inserted = store.jdbc()
                .update(
                        "INSERT INTO " + STATE + " (tenant_id, conversation_id, channel_id, opened_at, version)"
                                + " VALUES (app_current_tenant(), ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        event.conversationId().value(),
                        event.channelId().value(),
                        Sql.timestamp(at),
                        sequence);
        if (inserted == 1) {
            count(event.channelId().value(), at, "opened");
        }
    }

    @EventHandler
    void on(InboundMessageReceivedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Cycle cycle = advance(event.conversationId(), sequence);
        if (cycle == null) {
            return;
        }
        count(cycle.channel(), at, "messages_in");
        if (cycle.firstInboundAt() == null) {
            state(event.conversationId(), "first_inbound_at = ?", Sql.timestamp(at));
        }
    }

    @EventHandler
    void on(OutboundMessageRequestedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Cycle cycle = advance(event.conversationId(), sequence);
        if (cycle == null) {
            return;
        }
        count(cycle.channel(), at, "messages_out");
        if (event.authorId() != null && cycle.firstInboundAt() != null && cycle.firstResponseAt() == null) {
            state(event.conversationId(), "first_response_at = ?", Sql.timestamp(at));
            duration(cycle.channel(), event.conversationId(), FIRST_RESPONSE, sequence, cycle.firstInboundAt(), at);
        }
    }

    @EventHandler
    void on(ConversationStatusChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Cycle cycle = advance(event.conversationId(), sequence);
        if (cycle == null) {
            return;
        }
        if (event.status() == ConversationStatus.RESOLVED && !cycle.resolved()) {
            state(event.conversationId(), "resolved = true");
            count(cycle.channel(), at, "resolved");
            duration(cycle.channel(), event.conversationId(), RESOLUTION, sequence, cycle.openedAt(), at);
        } else if (event.status() == ConversationStatus.OPEN && cycle.resolved()) {
            state(
                    event.conversationId(),
                    "resolved = false, opened_at = ?, first_inbound_at = NULL, first_response_at = NULL",
                    Sql.timestamp(at));
            count(cycle.channel(), at, "opened");
        }
    }

    @ResetHandler
    void reset() {
        store.reset(DAILY, DURATIONS, STATE);
    }

    @QueryHandler
    ConversationStats handle(ConversationStatsQuery query) {
        Object[] range = query.channelId() == null
                ? new Object[] {Date.valueOf(query.from()), Date.valueOf(query.to())}
                : new Object[] {
                    Date.valueOf(query.from()),
                    Date.valueOf(query.to()),
                    query.channelId().value()
                };
        String where = " WHERE day BETWEEN ? AND ?" + (query.channelId() == null ? "" : " AND channel_id = ?");
        Map<String, Tally> days = new LinkedHashMap<>();
        Map<UUID, Tally> channels = new LinkedHashMap<>();
        store.jdbc()
                .query(
                        "SELECT channel_id, day, opened, resolved, messages_in, messages_out FROM " + DAILY + where
                                + " ORDER BY day, channel_id",
                        rs -> {
                            UUID channel = rs.getObject("channel_id", UUID.class);
                            LocalDate day = rs.getDate("day").toLocalDate();
                            int[] counts = {
                                rs.getInt("opened"),
                                rs.getInt("resolved"),
                                rs.getInt("messages_in"),
                                rs.getInt("messages_out")
                            };
                            days.computeIfAbsent(channel + "/" + day, k -> new Tally(channel, day))
                                    .add(counts);
                            channels.computeIfAbsent(channel, k -> new Tally(channel, null))
                                    .add(counts);
                        },
                        range);
        String percentiles = "count(*) AS n, percentile_disc(0.5) WITHIN GROUP (ORDER BY millis) AS p50,"
                + " percentile_disc(0.9) WITHIN GROUP (ORDER BY millis) AS p90";
        store.jdbc()
                .query(
                        "SELECT channel_id, day, measure, " + percentiles + " FROM " + DURATIONS + where
                                + " GROUP BY channel_id, day, measure",
                        rs -> {
                            UUID channel = rs.getObject("channel_id", UUID.class);
                            LocalDate day = rs.getDate("day").toLocalDate();
                            days.computeIfAbsent(channel + "/" + day, k -> new Tally(channel, day))
                                    .measure(rs.getString("measure"), percentiles(rs));
                        },
                        range);
        store.jdbc()
                .query(
                        "SELECT channel_id, measure, " + percentiles + " FROM " + DURATIONS + where
                                + " GROUP BY channel_id, measure",
                        rs -> {
                            UUID channel = rs.getObject("channel_id", UUID.class);
                            channels.computeIfAbsent(channel, k -> new Tally(channel, null))
                                    .measure(rs.getString("measure"), percentiles(rs));
                        },
                        range);
        List<ConversationStatsRow> dayRows =
                new ArrayList<>(days.values().stream().map(Tally::row).toList());
        dayRows.sort(Comparator.comparing(ConversationStatsRow::day)
                .thenComparing(r -> r.channelId().value()));
        List<ConversationStatsRow> channelRows =
                new ArrayList<>(channels.values().stream().map(Tally::row).toList());
        channelRows.sort(Comparator.comparing(r -> r.channelId().value()));
        return new ConversationStats(query.from(), query.to(), dayRows, channelRows);
    }

    private static DurationPercentiles percentiles(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DurationPercentiles(rs.getInt("n"), rs.getLong("p50"), rs.getLong("p90"));
    }

    /** One row of the answer while it is put together. */
    private static final class Tally {
        private final UUID channel;
        private final LocalDate day;
        private final int[] counts = new int[4];
        private DurationPercentiles firstResponse = new DurationPercentiles(0, null, null);
        private DurationPercentiles resolution = new DurationPercentiles(0, null, null);

        Tally(UUID channel, LocalDate day) {
            this.channel = channel;
            this.day = day;
        }

        void add(int[] more) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += more[i];
            }
        }

        void measure(String measure, DurationPercentiles value) {
            if (FIRST_RESPONSE.equals(measure)) {
                firstResponse = value;
            } else if (RESOLUTION.equals(measure)) {
                resolution = value;
            }
        }

        ConversationStatsRow row() {
            return new ConversationStatsRow(
                    new ChannelId(channel), day, counts[0], counts[1], counts[2], counts[3], firstResponse, resolution);
        }
    }

    /**
     * Moves the conversation's state to {@code sequence} and answers it as it was, or null when the
     * event was applied before (or the conversation started before this projection existed).
     */
    private Cycle advance(ConversationId conversation, long sequence) {
        return store
                .jdbc()
                .query(
                        "UPDATE " + STATE + " SET version = ? WHERE conversation_id = ? AND version < ?"
                                + " RETURNING channel_id, resolved, opened_at, first_inbound_at, first_response_at",
                        (rs, row) -> new Cycle(
                                rs.getObject("channel_id", UUID.class),
                                rs.getBoolean("resolved"),
                                Sql.instant(rs, "opened_at"),
                                Sql.instant(rs, "first_inbound_at"),
                                Sql.instant(rs, "first_response_at")),
                        sequence,
                        conversation.value(),
                        sequence)
                .stream()
                .findFirst()
                .orElse(null);
    }

    private void state(ConversationId conversation, String assignments, Object... values) {
        Object[] args = new Object[values.length + 1];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = conversation.value();
        store.jdbc().update("UPDATE " + STATE + " SET " + assignments + " WHERE conversation_id = ?", args);
    }

    private void count(UUID channel, Instant at, String column) {
        store.jdbc()
                .update(
                        "INSERT INTO " + DAILY + " (tenant_id, channel_id, day, " + column + ")"
                                + " VALUES (app_current_tenant(), ?, ?, 1) ON CONFLICT (tenant_id, channel_id, day)"
                                + " DO UPDATE SET " + column + " = " + DAILY + "." + column + " + 1",
                        channel,
                        Date.valueOf(day(at)));
    }

    private void duration(
            UUID channel, ConversationId conversation, String measure, long sequence, Instant from, Instant to) {
        store.jdbc()
                .update(
                        "INSERT INTO " + DURATIONS
                                + " (tenant_id, channel_id, day, measure, conversation_id, version, millis)"
                                + " VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        channel,
                        Date.valueOf(day(to)),
                        measure,
                        conversation.value(),
                        sequence,
                        Math.max(0, Duration.between(from, to).toMillis()));
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
