package dev.tenantcore.command.crm;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ConversationStartedEvent;
import dev.tenantcore.api.crm.conversation.InboundMessageReceivedEvent;
import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.MessageStatus;
import dev.tenantcore.api.crm.conversation.MessageStatusChangedEvent;
import dev.tenantcore.api.crm.conversation.MessageTemplate;
import dev.tenantcore.api.crm.conversation.OutboundMessageRequestedEvent;
import dev.tenantcore.api.crm.conversation.RecordMessageStatusCommand;
import dev.tenantcore.api.crm.conversation.SendMessageCommand;
import dev.tenantcore.command.crm.channel.ChannelSends;
import dev.tenantcore.command.crm.channel.InboundMediaFetches;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The messaging windows of Messenger and Instagram (24 hours, no templates) and SMS (none), and
 * statuses of the new channels, on the {@link Conversation} aggregate.
 */
@DisplayName("Conversations on Messenger, Instagram and SMS")
class ConversationWindowsTest {

    private static final ChannelId CHANNEL = ChannelId.random();
    private static final String USER = "6543210987654321";
    private static final ContactId CONTACT = ContactId.random();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final MessageId REPLY = MessageId.random();

    private final List<OutboundMessageRequestedEvent> queued = new ArrayList<>();
    private final dev.tenantcore.command.common.InMemoryContactConversations latest =
            new dev.tenantcore.command.common.InMemoryContactConversations();

    private final AggregateTestFixture<Conversation> fixture = fixtureFor(
            Conversation.class,
            latest,
            (ConversationContacts) (kind, user, name) -> CONTACT,
            (ChannelSends) (tenant, message) -> queued.add(message),
            (StaffMembers) user -> false,
            (InboundMediaFetches) (tenant, channel, kind, message) -> {});

    private static ConversationId conversation() {
        return ConversationId.of(ACME, CHANNEL, USER);
    }

    private static ConversationStartedEvent started(ChannelKind kind) {
        return new ConversationStartedEvent(conversation(), ACME, CHANNEL, kind, USER, USER, CONTACT);
    }

    private static InboundMessageReceivedEvent received() {
        return new InboundMessageReceivedEvent(
                conversation(),
                Conversation.inboundMessageId(conversation(), "m_1"),
                "m_1",
                "Hola",
                null,
                null,
                T0,
                CONTACT);
    }

    private static OutboundMessageRequestedEvent requested(ChannelKind kind) {
        return new OutboundMessageRequestedEvent(
                conversation(), REPLY, CHANNEL, kind, USER, "Hi", null, null, null, CONTACT);
    }

    @ParameterizedTest
    @EnumSource(
            value = ChannelKind.class,
            names = {"MESSENGER", "INSTAGRAM"})
    @DisplayName("within 24 hours of the customer's message a reply is queued")
    void withinWindow(ChannelKind kind) {
        fixture.givenCurrentTime(T0)
                .andGiven(started(kind), received())
                .andGivenCurrentTime(T0.plus(Duration.ofHours(23)))
                .when(new SendMessageCommand(conversation(), REPLY, "Hi", null, null), from(ACME))
                .expectEvents(requested(kind));
        assertThat(queued).containsExactly(requested(kind));
    }

    @ParameterizedTest
    @EnumSource(
            value = ChannelKind.class,
            names = {"MESSENGER", "INSTAGRAM"})
    @DisplayName("after 24 hours a reply is refused with outside_messaging_window, and nothing is queued")
    void outsideWindow(ChannelKind kind) {
        assertRefused(
                fixture.givenCurrentTime(T0)
                        .andGiven(started(kind), received())
                        .andGivenCurrentTime(T0.plus(Duration.ofHours(25))),
                new SendMessageCommand(conversation(), REPLY, "Hi", null, null),
                ACME,
                ErrorCode.OUTSIDE_MESSAGING_WINDOW);
        assertThat(queued).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = ChannelKind.class,
            names = {"MESSENGER", "INSTAGRAM", "SMS"})
    @DisplayName("a template, which these services do not have (message tags are not supported), is refused")
    void noTemplates(ChannelKind kind) {
        assertRefused(
                fixture.givenCurrentTime(T0)
                        .andGiven(started(kind), received())
                        .andGivenCurrentTime(T0.plus(Duration.ofDays(2))),
                new SendMessageCommand(
                        conversation(), REPLY, null, null, new MessageTemplate("order_update", "en", null)),
                ACME,
                ErrorCode.VALIDATION_FAILED);
    }

    @Test
    @DisplayName("SMS has no window: a reply days later is queued")
    void smsHasNoWindow() {
        fixture.givenCurrentTime(T0)
                .andGiven(started(ChannelKind.SMS), received())
                .andGivenCurrentTime(T0.plus(Duration.ofDays(30)))
                .when(new SendMessageCommand(conversation(), REPLY, "Hi", null, null), from(ACME))
                .expectEvents(requested(ChannelKind.SMS));
    }

    @Test
    @DisplayName("a Twilio 'sent' after 'delivered' changes nothing")
    void statusesForwardOnly() {
        fixture.given(
                        started(ChannelKind.SMS),
                        received(),
                        requested(ChannelKind.SMS),
                        new MessageStatusChangedEvent(conversation(), REPLY, MessageStatus.SENT, "SM1", null),
                        new MessageStatusChangedEvent(conversation(), REPLY, MessageStatus.DELIVERED, "SM1", null))
                .when(new RecordMessageStatusCommand(conversation(), null, "SM1", MessageStatus.SENT, null), from(ACME))
                .expectNoEvents();
    }
}
