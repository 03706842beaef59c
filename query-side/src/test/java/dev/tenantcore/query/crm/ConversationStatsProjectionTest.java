package dev.tenantcore.query.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ConversationStartedEvent;
import dev.tenantcore.api.crm.conversation.ConversationStats;
import dev.tenantcore.api.crm.conversation.ConversationStatsQuery;
import dev.tenantcore.api.crm.conversation.ConversationStatsRow;
import dev.tenantcore.api.crm.conversation.ConversationStatus;
import dev.tenantcore.api.crm.conversation.ConversationStatusChangedEvent;
import dev.tenantcore.api.crm.conversation.DurationPercentiles;
import dev.tenantcore.api.crm.conversation.InboundMessageReceivedEvent;
import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.OutboundMessageRequestedEvent;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionContract;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Conversation statistics from a history with chosen timestamps: the percentiles the projection
 * answers are checked against nearest-rank percentiles this test computes itself from the same
 * spans.
 */
@DisplayName("The conversation statistics projection")
class ConversationStatsProjectionTest extends ProjectionContract<ConversationStatsProjection> {

    private static final LocalDate DAY_ONE = LocalDate.parse("2026-03-02");
    private static final LocalDate DAY_TWO = LocalDate.parse("2026-03-03");
    private static final Instant MORNING = Instant.parse("2026-03-02T08:00:00Z");

    /** Seconds from each conversation's first customer message to staff's first reply. */
    private static final long[] RESPONSE = {40, 5, 300, 90, 12, 600, 61};
    /** Seconds from each conversation's opening to its resolution. */
    private static final long[] RESOLUTION = {3600, 7200, 1800, 2700, 10800, 600, 18000};

    private final ChannelId telegram = new ChannelId(id());
    private final ChannelId whatsapp = new ChannelId(id());
    private final UUID staff = id();
    private final List<ConversationId> conversations = new ArrayList<>();
    private final ConversationId waiting = new ConversationId(id());

    ConversationStatsProjectionTest() {
        super(
                ConversationStatsProjection::new,
                "conversation_stats_daily",
                "conversation_stats_durations",
                "conversation_stats_state");
        for (int i = 0; i < RESPONSE.length; i++) {
            conversations.add(new ConversationId(id()));
        }
    }

    @Override
    protected History history(TenantId tenant) {
        History history = new History(tenant);
        for (int i = 0; i < RESPONSE.length; i++) {
            ConversationId conversation = conversations.get(i);
            Instant opened = MORNING.plus(Duration.ofMinutes(10L * i));
            history.at(opened, conversation, started(tenant, conversation, telegram))
                    .at(opened, conversation, inbound(conversation));
            if (i == 2) {
                // An automatic message (no author) is counted out, but is not staff's first response.
                history.at(opened.plusSeconds(2), conversation, outbound(conversation, null));
            }
            history.at(opened.plusSeconds(RESPONSE[i]), conversation, outbound(conversation, new UserId(staff)));
            if (i == 1) {
                history.at(
                        opened.plusSeconds(RESPONSE[i] + 1),
                        conversation,
                        new ConversationStatusChangedEvent(conversation, ConversationStatus.PENDING));
            }
            history.at(
                    opened.plusSeconds(RESOLUTION[i]),
                    conversation,
                    new ConversationStatusChangedEvent(conversation, ConversationStatus.RESOLVED));
        }
        // The first conversation is reopened by its customer the next day: a new cycle.
        ConversationId again = conversations.get(0);
        Instant reopened = Instant.parse("2026-03-03T10:00:00Z");
        history.at(reopened, again, new ConversationStatusChangedEvent(again, ConversationStatus.OPEN))
                .at(reopened, again, inbound(again))
                .at(reopened.plusSeconds(420), again, outbound(again, new UserId(staff)))
                .at(
                        reopened.plusSeconds(3600),
                        again,
                        new ConversationStatusChangedEvent(again, ConversationStatus.RESOLVED));
        // On WhatsApp, a customer who wrote twice and got no answer yet.
        Instant early = Instant.parse("2026-03-03T09:00:00Z");
        history.at(early, waiting, started(tenant, waiting, whatsapp))
                .at(early, waiting, inbound(waiting))
                .at(early.plusSeconds(30), waiting, inbound(waiting));
        return history;
    }

    @Test
    @DisplayName(
            "each day of a channel counts what opened, resolved, came in and went out, with nearest-rank p50 and p90")
    void daysOfAChannel() {
        ConversationStats stats = ask(first, p -> p.handle(new ConversationStatsQuery(DAY_ONE, DAY_TWO, null)));

        assertThat(stats.days()).hasSize(3);
        ConversationStatsRow dayOne = row(stats.days(), telegram, DAY_ONE);
        assertThat(dayOne.conversationsOpened()).isEqualTo(7);
        assertThat(dayOne.conversationsResolved()).isEqualTo(7);
        assertThat(dayOne.messagesIn()).isEqualTo(7);
        assertThat(dayOne.messagesOut()).isEqualTo(8);
        assertThat(dayOne.firstResponse()).isEqualTo(expected(seconds(RESPONSE)));
        assertThat(dayOne.resolution()).isEqualTo(expected(seconds(RESOLUTION)));
        assertThat(dayOne.firstResponse().p50Millis()).as("the 4th of 7 sorted").isEqualTo(61_000L);
        assertThat(dayOne.firstResponse().p90Millis()).as("the 7th of 7 sorted").isEqualTo(600_000L);

        ConversationStatsRow dayTwo = row(stats.days(), telegram, DAY_TWO);
        assertThat(dayTwo.conversationsOpened()).as("the reopening").isEqualTo(1);
        assertThat(dayTwo.conversationsResolved()).isEqualTo(1);
        assertThat(dayTwo.messagesIn()).isEqualTo(1);
        assertThat(dayTwo.messagesOut()).isEqualTo(1);
        assertThat(dayTwo.firstResponse()).isEqualTo(new DurationPercentiles(1, 420_000L, 420_000L));
        assertThat(dayTwo.resolution())
                .as("from the reopening, not from the first opening")
                .isEqualTo(new DurationPercentiles(1, 3_600_000L, 3_600_000L));

        ConversationStatsRow unanswered = row(stats.days(), whatsapp, DAY_TWO);
        assertThat(unanswered.conversationsOpened()).isEqualTo(1);
        assertThat(unanswered.messagesIn()).isEqualTo(2);
        assertThat(unanswered.messagesOut()).isZero();
        assertThat(unanswered.firstResponse()).isEqualTo(new DurationPercentiles(0, null, null));
        assertThat(unanswered.resolution().count()).isZero();
    }

    @Test
    @DisplayName("a channel's range takes the percentiles of all its durations, not an average of the days'")
    void wholeRange() {
        ConversationStats stats = ask(first, p -> p.handle(new ConversationStatsQuery(DAY_ONE, DAY_TWO, null)));

        ConversationStatsRow total = stats.channels().stream()
                .filter(r -> r.channelId().equals(telegram))
                .findFirst()
                .orElseThrow();
        List<Long> responses = seconds(RESPONSE);
        responses.add(420_000L);
        List<Long> resolutions = seconds(RESOLUTION);
        resolutions.add(3_600_000L);
        assertThat(total.day()).isNull();
        assertThat(total.conversationsOpened()).isEqualTo(8);
        assertThat(total.messagesOut()).isEqualTo(9);
        assertThat(total.firstResponse()).isEqualTo(expected(responses));
        assertThat(total.resolution()).isEqualTo(expected(resolutions));
        assertThat(stats.channels()).hasSize(2);
    }

    @Test
    @DisplayName("a channel filter and a range without activity narrow the answer")
    void filters() {
        ConversationStats whatsappOnly =
                ask(first, p -> p.handle(new ConversationStatsQuery(DAY_ONE, DAY_TWO, whatsapp)));
        assertThat(whatsappOnly.days())
                .extracting(ConversationStatsRow::channelId)
                .containsOnly(whatsapp);
        assertThat(whatsappOnly.channels()).hasSize(1);

        ConversationStats dayOneOnly = ask(first, p -> p.handle(new ConversationStatsQuery(DAY_ONE, DAY_ONE, null)));
        assertThat(dayOneOnly.days()).hasSize(1);
        assertThat(dayOneOnly.channels().get(0).conversationsOpened()).isEqualTo(7);

        LocalDate later = DAY_TWO.plusDays(5);
        ConversationStats quiet = ask(first, p -> p.handle(new ConversationStatsQuery(later, later, null)));
        assertThat(quiet.days()).isEmpty();
        assertThat(quiet.channels()).isEmpty();
    }

    private static ConversationStatsRow row(List<ConversationStatsRow> rows, ChannelId channel, LocalDate day) {
        return rows.stream()
                .filter(r -> r.channelId().equals(channel) && r.day().equals(day))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + channel + " on " + day + ": " + rows));
    }

    /** Nearest rank: the ceil(p·n)-th smallest. */
    private static DurationPercentiles expected(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return new DurationPercentiles(sorted.size(), rank(sorted, 0.5), rank(sorted, 0.9));
    }

    private static long rank(List<Long> sorted, double p) {
        return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }

    private static List<Long> seconds(long[] values) {
        List<Long> millis = new ArrayList<>();
        for (long value : values) {
            millis.add(value * 1000);
        }
        return millis;
    }

    private static ConversationStartedEvent started(TenantId tenant, ConversationId id, ChannelId channel) {
        return new ConversationStartedEvent(
                id, tenant, channel, ChannelKind.TELEGRAM, "777" + id.value(), "Ann", new ContactId(UUID.randomUUID()));
    }

    private static InboundMessageReceivedEvent inbound(ConversationId conversation) {
        String provider = UUID.randomUUID().toString();
        return new InboundMessageReceivedEvent(
                conversation, new MessageId(UUID.randomUUID()), provider, "hello", null, null, null, null);
    }

    private OutboundMessageRequestedEvent outbound(ConversationId conversation, UserId author) {
        return new OutboundMessageRequestedEvent(
                conversation,
                new MessageId(UUID.randomUUID()),
                telegram,
                ChannelKind.TELEGRAM,
                "777",
                "hi",
                null,
                null,
                author,
                null);
    }
}
