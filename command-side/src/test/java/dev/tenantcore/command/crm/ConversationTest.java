package dev.tenantcore.command.crm;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertAccepted;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.assertUnchanged;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.conversation.AddPrivateNoteCommand;
import dev.tenantcore.api.crm.conversation.AssignConversationCommand;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ConversationAssignedEvent;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ConversationMessageMediaStoredEvent;
import dev.tenantcore.api.crm.conversation.ConversationMessageMediaUnavailableEvent;
import dev.tenantcore.api.crm.conversation.ConversationReadEvent;
import dev.tenantcore.api.crm.conversation.ConversationStartedEvent;
import dev.tenantcore.api.crm.conversation.ConversationStatus;
import dev.tenantcore.api.crm.conversation.ConversationStatusChangedEvent;
import dev.tenantcore.api.crm.conversation.InboundMessageReceivedEvent;
import dev.tenantcore.api.crm.conversation.MarkConversationReadCommand;
import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.MessageStatus;
import dev.tenantcore.api.crm.conversation.MessageStatusChangedEvent;
import dev.tenantcore.api.crm.conversation.MessageTemplate;
import dev.tenantcore.api.crm.conversation.OutboundMessageRequestedEvent;
import dev.tenantcore.api.crm.conversation.PrivateNoteAddedEvent;
import dev.tenantcore.api.crm.conversation.ReceiveInboundMessageCommand;
import dev.tenantcore.api.crm.conversation.RecordMessageMediaCommand;
import dev.tenantcore.api.crm.conversation.RecordMessageStatusCommand;
import dev.tenantcore.api.crm.conversation.RecordReadWatermarkCommand;
import dev.tenantcore.api.crm.conversation.ReopenConversationCommand;
import dev.tenantcore.api.crm.conversation.ResolveConversationCommand;
import dev.tenantcore.api.crm.conversation.SendMessageCommand;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.command.common.InMemoryContactConversations;
import dev.tenantcore.command.crm.channel.ChannelSends;
import dev.tenantcore.command.crm.channel.InboundMediaFetches;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Conversation")
class ConversationTest {

    private static final ChannelId WHATSAPP = ChannelId.random();
    private static final ChannelId TELEGRAM = ChannelId.random();
    private static final String ANN = "34600111222";
    private static final ConversationId CONVERSATION = ConversationId.of(ACME, WHATSAPP, ANN);
    private static final ContactId CONTACT = ContactId.random();
    private static final UserId AGENT = UserId.random();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final MessageId REPLY = MessageId.random();

    private final List<OutboundMessageRequestedEvent> queued = new ArrayList<>();
    private final List<InboundMessageReceivedEvent> fetches = new ArrayList<>();
    /** Whom the round-robin gives the next new conversation; empty: auto-assignment is off. */
    private final java.util.Deque<UserId> roundRobin = new java.util.ArrayDeque<>();

    private final dev.tenantcore.command.common.InMemoryContactConversations latest =
            new dev.tenantcore.command.common.InMemoryContactConversations();

    private final AggregateTestFixture<Conversation> fixture = fixtureFor(
            Conversation.class,
            latest,
            (ConversationContacts) (kind, user, name) -> CONTACT,
            (ChannelSends) (tenant, message) -> queued.add(message),
            (StaffMembers) AGENT::equals,
            (InboxAssignments) () -> java.util.Optional.ofNullable(roundRobin.poll()),
            (InboundMediaFetches) (tenant, channel, kind, message) -> fetches.add(message));

    private static ReceiveInboundMessageCommand inbound(String providerId, String text) {
        return new ReceiveInboundMessageCommand(
                CONVERSATION, WHATSAPP, ChannelKind.WHATSAPP, ANN, "Ann", providerId, text, null, null, T0);
    }

    private static ConversationStartedEvent started() {
        return new ConversationStartedEvent(CONVERSATION, ACME, WHATSAPP, ChannelKind.WHATSAPP, ANN, "Ann", CONTACT);
    }

    private static InboundMessageReceivedEvent received(String providerId, String text) {
        return new InboundMessageReceivedEvent(
                CONVERSATION,
                Conversation.inboundMessageId(CONVERSATION, providerId),
                providerId,
                text,
                null,
                null,
                T0,
                CONTACT);
    }

    private static OutboundMessageRequestedEvent requested(MessageId id, String text, MessageTemplate template) {
        return new OutboundMessageRequestedEvent(
                CONVERSATION, id, WHATSAPP, ChannelKind.WHATSAPP, ANN, text, null, template, null, CONTACT);
    }

    @Nested
    @DisplayName("inbound messages")
    class Inbound {

        @Test
        @DisplayName("the first message of a channel user starts the conversation with the contact found or created")
        void firstMessageStarts() {
            fixture.givenNoPriorActivity()
                    .when(inbound("wamid.1", "Hola"), from(ACME))
                    .expectEvents(started(), received("wamid.1", "Hola"))
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("a message delivered again is recorded once")
        void duplicateOnce() {
            assertUnchanged(
                    fixture.given(started(), received("wamid.1", "Hola")), inbound("wamid.1", "Hola"), ACME, 1L);
        }

        @Test
        @DisplayName("a customer's message reopens a resolved conversation")
        void reopensResolved() {
            fixture.given(
                            started(),
                            received("wamid.1", "Hola"),
                            new ConversationStatusChangedEvent(CONVERSATION, ConversationStatus.RESOLVED))
                    .when(inbound("wamid.2", "Again"), from(ACME))
                    .expectEvents(
                            new ConversationStatusChangedEvent(CONVERSATION, ConversationStatus.OPEN),
                            received("wamid.2", "Again"));
        }

        @Test
        @DisplayName("a conversation id that is not the one of the caller's tenant, channel and user is not found")
        void foreignIdNotFound() {
            ReceiveInboundMessageCommand command = new ReceiveInboundMessageCommand(
                    ConversationId.of(GLOBEX, WHATSAPP, ANN),
                    WHATSAPP,
                    ChannelKind.WHATSAPP,
                    ANN,
                    "Ann",
                    "wamid.1",
                    "Hola",
                    null,
                    null,
                    T0);
            assertRefused(fixture.givenNoPriorActivity(), command, ACME, AggregateNotFoundException.class);
        }

        @Test
        @DisplayName("a message without a provider id is refused as invalid")
        void noProviderId() {
            assertRefused(fixture.givenNoPriorActivity(), inbound(" ", "Hola"), ACME, ErrorCode.VALIDATION_FAILED);
        }
    }

    @Nested
    @DisplayName("read watermarks")
    class Watermarks {

        private final MessageId first =
                new MessageId(java.util.UUID.fromString("00000000-0000-0000-0000-00000000000a"));
        private final MessageId second =
                new MessageId(java.util.UUID.fromString("00000000-0000-0000-0000-00000000000b"));

        private TestExecutor<Conversation> sentTwoAnHourApart() {
            return fixture.givenCurrentTime(T0)
                    .andGiven(
                            started(),
                            received("wamid.1", "Hola"),
                            requested(first, "one", null),
                            new MessageStatusChangedEvent(CONVERSATION, first, MessageStatus.SENT, "m1", null))
                    .andGivenCurrentTime(T0.plus(Duration.ofHours(1)))
                    .andGiven(
                            requested(second, "two", null),
                            new MessageStatusChangedEvent(CONVERSATION, second, MessageStatus.SENT, "m2", null));
        }

        @Test
        @DisplayName("a watermark reads the messages sent before it, not those after")
        void readsBefore() {
            sentTwoAnHourApart()
                    .when(new RecordReadWatermarkCommand(CONVERSATION, T0.plus(Duration.ofMinutes(30))), from(ACME))
                    .expectEvents(new MessageStatusChangedEvent(CONVERSATION, first, MessageStatus.READ, null, null));
        }

        @Test
        @DisplayName("an older watermark than one applied changes nothing, nor does it touch a failed message")
        void neverBackwards() {
            sentTwoAnHourApart()
                    .andGiven(
                            new MessageStatusChangedEvent(CONVERSATION, first, MessageStatus.READ, null, null),
                            new MessageStatusChangedEvent(CONVERSATION, second, MessageStatus.FAILED, null, "no"))
                    .when(new RecordReadWatermarkCommand(CONVERSATION, T0.plus(Duration.ofHours(2))), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(7L);
        }
    }

    @Nested
    @DisplayName("inbound attachments")
    class InboundMedia {

        private final InboundMessageReceivedEvent photo = new InboundMessageReceivedEvent(
                CONVERSATION,
                Conversation.inboundMessageId(CONVERSATION, "wamid.p"),
                "wamid.p",
                null,
                "image",
                "1234567890",
                T0,
                CONTACT);

        private ReceiveInboundMessageCommand photoCommand() {
            return new ReceiveInboundMessageCommand(
                    CONVERSATION,
                    WHATSAPP,
                    ChannelKind.WHATSAPP,
                    ANN,
                    "Ann",
                    "wamid.p",
                    null,
                    "image",
                    "1234567890",
                    T0);
        }

        @Test
        @DisplayName("a message with an attachment queues its fetch once, and a redelivery queues nothing")
        void fetchQueuedOnce() {
            fixture.given(started(), received("wamid.1", "Hola"))
                    .when(photoCommand(), from(ACME))
                    .expectEvents(photo);
            assertThat(fetches).containsExactly(photo);
            fetches.clear();
            assertUnchanged(fixture.given(started(), photo), photoCommand(), ACME, 1L);
            assertThat(fetches).isEmpty();
        }

        @Test
        @DisplayName("a text message queues no fetch")
        void textFetchesNothing() {
            fixture.givenNoPriorActivity().when(inbound("wamid.1", "Hola"), from(ACME));
            assertThat(fetches).isEmpty();
        }

        @Test
        @DisplayName("a stored attachment is recorded with its media item, once")
        void storedOnce() {
            MediaId media = MediaId.random();
            fixture.given(started(), photo)
                    .when(
                            new RecordMessageMediaCommand(CONVERSATION, photo.messageId(), media, "stored", null),
                            from(ACME))
                    .expectEvents(new ConversationMessageMediaStoredEvent(CONVERSATION, photo.messageId(), media));
            assertUnchanged(
                    fixture.given(
                            started(),
                            photo,
                            new ConversationMessageMediaStoredEvent(CONVERSATION, photo.messageId(), media)),
                    new RecordMessageMediaCommand(CONVERSATION, photo.messageId(), MediaId.random(), "stored", null),
                    ACME,
                    2L);
        }

        @Test
        @DisplayName("an attachment over the cap is recorded as too large with the reason")
        void tooLarge() {
            fixture.given(started(), photo)
                    .when(
                            new RecordMessageMediaCommand(CONVERSATION, photo.messageId(), null, "too_large", "big"),
                            from(ACME))
                    .expectEvents(new ConversationMessageMediaUnavailableEvent(
                            CONVERSATION, photo.messageId(), "too_large", "big"));
        }

        @Test
        @DisplayName("an outcome for a message without a pending attachment changes nothing")
        void noPendingAttachment() {
            MessageId text = Conversation.inboundMessageId(CONVERSATION, "wamid.1");
            assertUnchanged(
                    fixture.given(started(), received("wamid.1", "Hola")),
                    new RecordMessageMediaCommand(CONVERSATION, text, MediaId.random(), "stored", null),
                    ACME,
                    1L);
        }

        @Test
        @DisplayName("an outcome that is neither stored, too large nor unavailable is refused as invalid")
        void unknownState() {
            assertRefused(
                    fixture.given(started(), photo),
                    new RecordMessageMediaCommand(CONVERSATION, photo.messageId(), null, "lost", null),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("another tenant cannot record an outcome on the conversation")
        void anotherTenant() {
            assertRefused(
                    fixture.given(started(), photo),
                    new RecordMessageMediaCommand(CONVERSATION, photo.messageId(), MediaId.random(), "stored", null),
                    GLOBEX,
                    AggregateNotFoundException.class);
        }
    }

    @Nested
    @DisplayName("replies")
    class Replies {

        @Test
        @DisplayName("a reply within the window is recorded as pending and queued for the channel once")
        void replyQueued() {
            fixture.givenCurrentTime(T0)
                    .andGiven(started(), received("wamid.1", "Hola"))
                    .andGivenCurrentTime(T0.plus(Duration.ofHours(23)))
                    .when(new SendMessageCommand(CONVERSATION, REPLY, "Hi Ann", null, null), from(ACME))
                    .expectEvents(requested(REPLY, "Hi Ann", null))
                    .expectResultMessagePayload(2L);
            assertThat(queued).containsExactly(requested(REPLY, "Hi Ann", null));
        }

        @Test
        @DisplayName(
                "replies and notes name the conversation's contact, whose personal data their texts are; without one, none")
        void namesTheContact() {
            fixture.givenCurrentTime(T0)
                    .andGiven(started(), received("wamid.1", "Hola"))
                    .when(new SendMessageCommand(CONVERSATION, REPLY, "Hi Ann", null, null), from(ACME))
                    // requested(…) names CONTACT, the contact the conversation started with
                    .expectEvents(requested(REPLY, "Hi Ann", null));
            fixture.givenCurrentTime(T0)
                    .andGiven(
                            new ConversationStartedEvent(
                                    CONVERSATION, ACME, WHATSAPP, ChannelKind.WHATSAPP, ANN, "Ann", null),
                            new InboundMessageReceivedEvent(
                                    CONVERSATION,
                                    Conversation.inboundMessageId(CONVERSATION, "wamid.1"),
                                    "wamid.1",
                                    "Hola",
                                    null,
                                    null,
                                    T0,
                                    null))
                    .when(new SendMessageCommand(CONVERSATION, REPLY, "Hi Ann", null, null), from(ACME))
                    .expectEvents(new OutboundMessageRequestedEvent(
                            CONVERSATION,
                            REPLY,
                            WHATSAPP,
                            ChannelKind.WHATSAPP,
                            ANN,
                            "Hi Ann",
                            null,
                            null,
                            null,
                            null));
        }

        @Test
        @DisplayName(
                "a free-form reply more than 24 hours after the customer's last message is refused with outside_messaging_window")
        void outsideWindow() {
            queued.clear();
            var given = fixture.givenCurrentTime(T0)
                    .andGiven(started(), received("wamid.1", "Hola"))
                    .andGivenCurrentTime(T0.plus(Duration.ofHours(25)));
            assertRefused(
                    given,
                    new SendMessageCommand(CONVERSATION, REPLY, "Hi Ann", null, null),
                    ACME,
                    ErrorCode.OUTSIDE_MESSAGING_WINDOW);
            assertThat(queued).isEmpty();
        }

        @Test
        @DisplayName("a template may be sent outside the window")
        void templateOutsideWindow() {
            MessageTemplate template = new MessageTemplate("order_update", "es", List.of("1042"));
            fixture.givenCurrentTime(T0)
                    .andGiven(started(), received("wamid.1", "Hola"))
                    .andGivenCurrentTime(T0.plus(Duration.ofDays(3)))
                    .when(new SendMessageCommand(CONVERSATION, REPLY, null, null, template), from(ACME))
                    .expectEvents(requested(REPLY, null, template));
        }

        @Test
        @DisplayName("the same message id sent again records nothing and queues nothing")
        void sameMessageOnce() {
            queued.clear();
            fixture.givenCurrentTime(T0)
                    .andGiven(started(), received("wamid.1", "Hola"), requested(REPLY, "Hi Ann", null))
                    .when(new SendMessageCommand(CONVERSATION, REPLY, "Hi Ann", null, null), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
            assertThat(queued).isEmpty();
        }

        @Test
        @DisplayName("a reply without text, media or template is refused as invalid")
        void emptyReply() {
            assertRefused(
                    fixture.givenCurrentTime(T0).andGiven(started(), received("wamid.1", "Hola")),
                    new SendMessageCommand(CONVERSATION, REPLY, " ", null, null),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a media link that is not https is refused as invalid")
        void mediaNotHttps() {
            assertRefused(
                    fixture.givenCurrentTime(T0).andGiven(started(), received("wamid.1", "Hola")),
                    new SendMessageCommand(CONVERSATION, REPLY, null, "http://example.com/a.png", null),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a template with text as well is refused as invalid")
        void templateWithText() {
            assertRefused(
                    fixture.givenCurrentTime(T0).andGiven(started(), received("wamid.1", "Hola")),
                    new SendMessageCommand(
                            CONVERSATION, REPLY, "Hi", null, new MessageTemplate("order_update", "es", null)),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a template on Telegram, which has none, is refused as invalid")
        void templateOnTelegram() {
            ConversationId telegram = ConversationId.of(ACME, TELEGRAM, "777");
            assertRefused(
                    fixture.given(new ConversationStartedEvent(
                            telegram, ACME, TELEGRAM, ChannelKind.TELEGRAM, "777", "Bob", CONTACT)),
                    new SendMessageCommand(telegram, REPLY, null, null, new MessageTemplate("hello", "en", null)),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("another tenant's reply finds no conversation")
        void otherTenant() {
            assertRefused(
                    fixture.givenCurrentTime(T0).andGiven(started(), received("wamid.1", "Hola")),
                    new SendMessageCommand(CONVERSATION, REPLY, "Hi", null, null),
                    GLOBEX,
                    AggregateNotFoundException.class);
        }
    }

    @Nested
    @DisplayName("message statuses")
    class Statuses {

        private List<Object> sent() {
            return List.of(
                    started(),
                    received("wamid.1", "Hola"),
                    requested(REPLY, "Hi", null),
                    new MessageStatusChangedEvent(CONVERSATION, REPLY, MessageStatus.SENT, "wamid.out", null));
        }

        @Test
        @DisplayName("the send's answer moves a pending message to sent with the provider's id")
        void sentWithId() {
            assertAccepted(
                    fixture.given(started(), received("wamid.1", "Hola"), requested(REPLY, "Hi", null)),
                    new RecordMessageStatusCommand(CONVERSATION, REPLY, "wamid.out", MessageStatus.SENT, null),
                    ACME,
                    3L,
                    new MessageStatusChangedEvent(CONVERSATION, REPLY, MessageStatus.SENT, "wamid.out", null));
        }

        @Test
        @DisplayName("a status named by the provider's id moves the message forward")
        void deliveredByProviderId() {
            assertAccepted(
                    fixture.given(sent()),
                    new RecordMessageStatusCommand(CONVERSATION, null, "wamid.out", MessageStatus.DELIVERED, null),
                    ACME,
                    4L,
                    new MessageStatusChangedEvent(CONVERSATION, REPLY, MessageStatus.DELIVERED, "wamid.out", null));
        }

        @Test
        @DisplayName("a late delivered after read changes nothing")
        void neverBackwards() {
            List<Object> read = new ArrayList<>(sent());
            read.add(new MessageStatusChangedEvent(CONVERSATION, REPLY, MessageStatus.READ, "wamid.out", null));
            assertUnchanged(
                    fixture.given(read),
                    new RecordMessageStatusCommand(CONVERSATION, null, "wamid.out", MessageStatus.DELIVERED, null),
                    ACME,
                    4L);
        }

        @Test
        @DisplayName("the same status twice is recorded once")
        void idempotent() {
            assertUnchanged(
                    fixture.given(sent()),
                    new RecordMessageStatusCommand(CONVERSATION, null, "wamid.out", MessageStatus.SENT, null),
                    ACME,
                    3L);
        }

        @Test
        @DisplayName("a failure keeps the provider's reason and is final")
        void failedFinal() {
            assertAccepted(
                    fixture.given(sent()),
                    new RecordMessageStatusCommand(
                            CONVERSATION, null, "wamid.out", MessageStatus.FAILED, "131047 Re-engagement message"),
                    ACME,
                    4L,
                    new MessageStatusChangedEvent(
                            CONVERSATION, REPLY, MessageStatus.FAILED, "wamid.out", "131047 Re-engagement message"));
            List<Object> failed = new ArrayList<>(sent());
            failed.add(new MessageStatusChangedEvent(CONVERSATION, REPLY, MessageStatus.FAILED, "wamid.out", "x"));
            assertUnchanged(
                    fixture.given(failed),
                    new RecordMessageStatusCommand(CONVERSATION, null, "wamid.out", MessageStatus.READ, null),
                    ACME,
                    4L);
        }

        @Test
        @DisplayName("a status of a message this conversation never sent changes nothing")
        void unknownMessage() {
            assertUnchanged(
                    fixture.given(sent()),
                    new RecordMessageStatusCommand(CONVERSATION, null, "wamid.other", MessageStatus.READ, null),
                    ACME,
                    3L);
        }
    }

    @Nested
    @DisplayName("staff")
    class Staff {

        private final List<Object> history = List.of(started(), received("wamid.1", "Hola"));

        @Test
        @DisplayName("a private note is recorded with its author and never queued")
        void note() {
            queued.clear();
            MessageId note = MessageId.random();
            fixture.given(history)
                    .when(
                            new AddPrivateNoteCommand(CONVERSATION, note, "VIP customer"),
                            Map.of(
                                    dev.tenantcore.api.common.MetadataKeys.TENANT_ID,
                                    ACME.toString(),
                                    dev.tenantcore.api.common.MetadataKeys.USER_ID,
                                    AGENT.toString()))
                    .expectEvents(new PrivateNoteAddedEvent(CONVERSATION, note, "VIP customer", AGENT, CONTACT));
            assertThat(queued).isEmpty();
        }

        @Test
        @DisplayName("a blank note is refused as invalid")
        void blankNote() {
            assertRefused(
                    fixture.given(history),
                    new AddPrivateNoteCommand(CONVERSATION, MessageId.random(), " "),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a conversation is assigned to an active staff member, and unassigned")
        void assign() {
            assertAccepted(
                    fixture.given(history),
                    new AssignConversationCommand(CONVERSATION, 1L, AGENT),
                    ACME,
                    2L,
                    new ConversationAssignedEvent(CONVERSATION, AGENT, null));
            assertAccepted(
                    fixture.given(history).andGiven(new ConversationAssignedEvent(CONVERSATION, AGENT, null)),
                    new AssignConversationCommand(CONVERSATION, null, null),
                    ACME,
                    3L,
                    new ConversationAssignedEvent(CONVERSATION, null, null));
        }

        @Test
        @DisplayName("an assignee who is no active staff member is refused as invalid")
        void assignStranger() {
            assertRefused(
                    fixture.given(history),
                    new AssignConversationCommand(CONVERSATION, null, UserId.random()),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a stale If-Match version is refused before anything is recorded")
        void staleVersion() {
            assertRefused(
                    fixture.given(history),
                    new AssignConversationCommand(CONVERSATION, 0L, AGENT),
                    ACME,
                    ConflictingAggregateVersionException.class);
        }

        @Test
        @DisplayName("resolve and reopen move the status, and repeating one changes nothing")
        void resolveReopen() {
            assertAccepted(
                    fixture.given(history),
                    new ResolveConversationCommand(CONVERSATION, null),
                    ACME,
                    2L,
                    new ConversationStatusChangedEvent(CONVERSATION, ConversationStatus.RESOLVED));
            List<Object> resolved = new ArrayList<>(history);
            resolved.add(new ConversationStatusChangedEvent(CONVERSATION, ConversationStatus.RESOLVED));
            assertUnchanged(fixture.given(resolved), new ResolveConversationCommand(CONVERSATION, null), ACME, 2L);
            assertAccepted(
                    fixture.given(resolved),
                    new ReopenConversationCommand(CONVERSATION, 2L),
                    ACME,
                    3L,
                    new ConversationStatusChangedEvent(CONVERSATION, ConversationStatus.OPEN));
            assertUnchanged(fixture.given(history), new ReopenConversationCommand(CONVERSATION, null), ACME, 1L);
        }

        @Test
        @DisplayName("marking read records the last customer message once")
        void markRead() {
            MessageId last = Conversation.inboundMessageId(CONVERSATION, "wamid.1");
            assertAccepted(
                    fixture.given(history),
                    new MarkConversationReadCommand(CONVERSATION),
                    ACME,
                    2L,
                    new ConversationReadEvent(CONVERSATION, last, null));
            List<Object> read = new ArrayList<>(history);
            read.add(new ConversationReadEvent(CONVERSATION, last, null));
            assertUnchanged(fixture.given(read), new MarkConversationReadCommand(CONVERSATION), ACME, 2L);
        }

        @Test
        @DisplayName("another tenant's staff cannot resolve, assign, note or read the conversation")
        void otherTenant() {
            for (Object command : List.of(
                    new ResolveConversationCommand(CONVERSATION, null),
                    new AssignConversationCommand(CONVERSATION, null, AGENT),
                    new AddPrivateNoteCommand(CONVERSATION, MessageId.random(), "x"),
                    new MarkConversationReadCommand(CONVERSATION),
                    new RecordMessageStatusCommand(CONVERSATION, REPLY, null, MessageStatus.READ, null))) {
                assertRefused(fixture.given(history), command, GLOBEX, AggregateNotFoundException.class);
            }
        }
    }

    @Test
    @DisplayName("the conversation id derives from tenant, channel and user, and differs for another tenant")
    void derivedIds() {
        assertThat(ConversationId.of(ACME, WHATSAPP, ANN)).isEqualTo(CONVERSATION);
        assertThat(ConversationId.of(GLOBEX, WHATSAPP, ANN)).isNotEqualTo(CONVERSATION);
        assertThat(ConversationId.of(TenantId.random(), TELEGRAM, ANN)).isNotEqualTo(CONVERSATION);
    }

    @Test
    @DisplayName("the contact's conversations record follows messages and resolution, in the command's transaction")
    void contactConversations() {
        fixture.given().when(inbound("wamid.1", "Hola"), from(ACME)).expectSuccessfulHandlerExecution();
        assertThat(latest.row(CONVERSATION))
                .get()
                .extracting(InMemoryContactConversations.Row::contact, InMemoryContactConversations.Row::status)
                .containsExactly(CONTACT, ConversationStatus.OPEN);
        assertThat(latest.latestOpen(CONTACT)).contains(CONVERSATION);

        fixture.given(started(), received("wamid.1", "Hola"))
                .when(new ResolveConversationCommand(CONVERSATION, null), from(ACME))
                .expectSuccessfulHandlerExecution();
        assertThat(latest.row(CONVERSATION).get().status()).isEqualTo(ConversationStatus.RESOLVED);
        assertThat(latest.latestOpen(CONTACT)).isEmpty();
    }
}
