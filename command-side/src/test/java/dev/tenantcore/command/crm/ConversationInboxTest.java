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
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.conversation.AssignConversationInTurnCommand;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ConversationAssignedEvent;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ConversationLabelledEvent;
import dev.tenantcore.api.crm.conversation.ConversationPriority;
import dev.tenantcore.api.crm.conversation.ConversationPriorityChangedEvent;
import dev.tenantcore.api.crm.conversation.ConversationReadEvent;
import dev.tenantcore.api.crm.conversation.ConversationSnoozedEvent;
import dev.tenantcore.api.crm.conversation.ConversationStartedEvent;
import dev.tenantcore.api.crm.conversation.ConversationStatus;
import dev.tenantcore.api.crm.conversation.ConversationStatusChangedEvent;
import dev.tenantcore.api.crm.conversation.ConversationUnlabelledEvent;
import dev.tenantcore.api.crm.conversation.InboundMessageReceivedEvent;
import dev.tenantcore.api.crm.conversation.LabelConversationCommand;
import dev.tenantcore.api.crm.conversation.MarkConversationReadCommand;
import dev.tenantcore.api.crm.conversation.ReceiveInboundMessageCommand;
import dev.tenantcore.api.crm.conversation.ReopenConversationCommand;
import dev.tenantcore.api.crm.conversation.ResolveConversationCommand;
import dev.tenantcore.api.crm.conversation.SetConversationPriorityCommand;
import dev.tenantcore.api.crm.conversation.SnoozeConversationCommand;
import dev.tenantcore.api.crm.conversation.UnlabelConversationCommand;
import dev.tenantcore.command.crm.channel.ChannelSends;
import dev.tenantcore.command.crm.channel.InboundMediaFetches;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The inbox workflow on one conversation: snooze, priority, labels, round-robin, each user's read mark. */
@DisplayName("Conversation in the inbox")
class ConversationInboxTest {

    private static final ChannelId CHANNEL = ChannelId.random();
    private static final String ANN = "777";
    private static final ConversationId CONVERSATION = ConversationId.of(ACME, CHANNEL, ANN);
    private static final ContactId CONTACT = ContactId.random();
    private static final UserId AGENT = UserId.random();
    private static final UserId OTHER_AGENT = UserId.random();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant LATER = T0.plus(Duration.ofHours(3));

    private final Deque<UserId> roundRobin = new ArrayDeque<>();

    private final dev.tenantcore.command.common.InMemoryContactConversations latest =
            new dev.tenantcore.command.common.InMemoryContactConversations();

    /** A fixture per scenario: its deadline manager keeps the deadlines of the scenario before. */
    private AggregateTestFixture<Conversation> fixture() {

        return fixtureFor(
                Conversation.class,
                latest,
                (ConversationContacts) (kind, user, name) -> CONTACT,
                (ChannelSends) (tenant, message) -> {},
                (StaffMembers) AGENT::equals,
                (InboxAssignments) () -> Optional.ofNullable(roundRobin.poll()),
                (InboundMediaFetches) (tenant, channel, kind, message) -> {});
    }

    private static Object fromAcme(Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(from(ACME));
    }

    private final List<Object> history = List.of(started(), received("m1"));

    private static ConversationStartedEvent started() {
        return new ConversationStartedEvent(CONVERSATION, ACME, CHANNEL, ChannelKind.TELEGRAM, ANN, "Ann", CONTACT);
    }

    private static ReceiveInboundMessageCommand inbound(String providerId) {
        return new ReceiveInboundMessageCommand(
                CONVERSATION, CHANNEL, ChannelKind.TELEGRAM, ANN, "Ann", providerId, "Hola", null, null, T0);
    }

    private static InboundMessageReceivedEvent received(String providerId) {
        return new InboundMessageReceivedEvent(
                CONVERSATION,
                Conversation.inboundMessageId(CONVERSATION, providerId),
                providerId,
                "Hola",
                null,
                null,
                T0,
                CONTACT);
    }

    private static ConversationSnoozedEvent snoozed(Instant until) {
        return new ConversationSnoozedEvent(CONVERSATION, until, null);
    }

    private static Map<String, Object> by(UserId user) {
        return Map.of(MetadataKeys.TENANT_ID, ACME.toString(), MetadataKeys.USER_ID, user.toString());
    }

    @Nested
    @DisplayName("assignment in turn")
    class InTurn {

        @Test
        @DisplayName("an unassigned conversation goes to the next staff member in the inbox's turn")
        void assignsTheNext() {
            roundRobin.add(AGENT);
            fixture()
                    .given(history)
                    .when(new AssignConversationInTurnCommand(CONVERSATION), from(ACME))
                    .expectEvents(new ConversationAssignedEvent(CONVERSATION, AGENT, null));
        }

        @Test
        @DisplayName("an assigned conversation keeps its assignee, and nobody's turn is used up")
        void keepsTheAssignee() {
            roundRobin.add(OTHER_AGENT);
            fixture()
                    .given(history)
                    .andGiven(new ConversationAssignedEvent(CONVERSATION, AGENT, null))
                    .when(new AssignConversationInTurnCommand(CONVERSATION), from(ACME))
                    .expectNoEvents();
            assertThat(roundRobin).containsExactly(OTHER_AGENT);
        }

        @Test
        @DisplayName("with nobody available it is refused, and stays unassigned")
        void nobodyAvailable() {
            assertRefused(
                    fixture().given(history),
                    new AssignConversationInTurnCommand(CONVERSATION),
                    ACME,
                    ErrorCode.INVALID_STATE);
        }

        @Test
        @DisplayName("another tenant's conversation is not found")
        void anotherTenant() {
            roundRobin.add(AGENT);
            fixture()
                    .given(history)
                    .when(new AssignConversationInTurnCommand(CONVERSATION), from(GLOBEX))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    @DisplayName("snooze")
    class Snooze {

        @Test
        @DisplayName("snoozing sets the status and a deadline at that time, which opens the conversation")
        void snoozeAndWake() {
            fixture()
                    .givenCurrentTime(T0)
                    .andGiven(history)
                    .when(new SnoozeConversationCommand(CONVERSATION, 1L, LATER), from(ACME))
                    .expectEvents(snoozed(LATER))
                    .expectResultMessagePayload(2L)
                    .expectScheduledDeadlineWithName(LATER, Conversation.SNOOZE_DEADLINE);
            fixture()
                    .givenCurrentTime(T0)
                    .andGiven(history)
                    .andGivenCommands(fromAcme(new SnoozeConversationCommand(CONVERSATION, null, LATER)))
                    .whenThenTimeAdvancesTo(LATER)
                    .expectDeadlinesMet(new Conversation.SnoozeEnded(LATER))
                    .expectEvents(new ConversationStatusChangedEvent(CONVERSATION, ConversationStatus.OPEN));
        }

        @Test
        @DisplayName("a time in the past, now, or more than 90 days ahead is refused with snooze_until_invalid")
        void invalidUntil() {
            for (Instant until :
                    List.of(T0.minusSeconds(1), T0, T0.plus(Duration.ofDays(90)).plusSeconds(1))) {
                fixture()
                        .givenCurrentTime(T0)
                        .andGiven(history)
                        .when(new SnoozeConversationCommand(CONVERSATION, null, until), from(ACME))
                        .expectNoEvents()
                        .expectNoScheduledDeadlines()
                        .expectException(dev.tenantcore.command.common.CommandFixtures.refusedWith(
                                ErrorCode.SNOOZE_UNTIL_INVALID));
            }
            fixture()
                    .givenCurrentTime(T0)
                    .andGiven(history)
                    .when(new SnoozeConversationCommand(CONVERSATION, null, null), from(ACME))
                    .expectNoEvents()
                    .expectException(
                            dev.tenantcore.command.common.CommandFixtures.refusedWith(ErrorCode.SNOOZE_UNTIL_INVALID));
        }

        @Test
        @DisplayName("snoozing again to the same time changes nothing; another time replaces the deadline")
        void snoozeAgain() {
            fixture()
                    .givenCurrentTime(T0)
                    .andGiven(history)
                    .andGiven(snoozed(LATER))
                    .when(new SnoozeConversationCommand(CONVERSATION, null, LATER), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
            Instant tomorrow = T0.plus(Duration.ofDays(1));
            fixture()
                    .givenCurrentTime(T0)
                    .andGiven(history)
                    .when(new SnoozeConversationCommand(CONVERSATION, null, LATER), from(ACME))
                    .expectEvents(snoozed(LATER));
            // The first deadline, set by a command of this fixture, is cancelled by the second snooze.
            fixture()
                    .givenCurrentTime(T0)
                    .andGiven(history)
                    .andGivenCommands(fromAcme(new SnoozeConversationCommand(CONVERSATION, null, LATER)))
                    .when(new SnoozeConversationCommand(CONVERSATION, null, tomorrow), from(ACME))
                    .expectEvents(snoozed(tomorrow))
                    .expectScheduledDeadlineWithName(Duration.ofDays(1), Conversation.SNOOZE_DEADLINE)
                    .expectNoScheduledDeadlineWithName(LATER, Conversation.SNOOZE_DEADLINE);
        }

        @Test
        @DisplayName("a customer's message wakes a snoozed conversation at once and cancels its deadline")
        void customerWakes() {
            fixture()
                    .givenCurrentTime(T0)
                    .andGiven(history)
                    .andGivenCommands(fromAcme(new SnoozeConversationCommand(CONVERSATION, null, LATER)))
                    .when(inbound("m2"), from(ACME))
                    .expectEvents(
                            new ConversationStatusChangedEvent(CONVERSATION, ConversationStatus.OPEN), received("m2"))
                    .expectNoScheduledDeadlines();
        }

        @Test
        @DisplayName("reopening or resolving a snoozed conversation cancels its deadline")
        void reopenResolveCancel() {
            fixture()
                    .givenCurrentTime(T0)
                    .andGiven(history)
                    .andGivenCommands(fromAcme(new SnoozeConversationCommand(CONVERSATION, null, LATER)))
                    .when(new ReopenConversationCommand(CONVERSATION, null), from(ACME))
                    .expectEvents(new ConversationStatusChangedEvent(CONVERSATION, ConversationStatus.OPEN))
                    .expectNoScheduledDeadlines();
            fixture()
                    .givenCurrentTime(T0)
                    .andGiven(history)
                    .andGivenCommands(fromAcme(new SnoozeConversationCommand(CONVERSATION, null, LATER)))
                    .when(new ResolveConversationCommand(CONVERSATION, null), from(ACME))
                    .expectEvents(new ConversationStatusChangedEvent(CONVERSATION, ConversationStatus.RESOLVED))
                    .expectNoScheduledDeadlines();
        }

        @Test
        @DisplayName("a deadline of a snooze no longer in force changes nothing")
        void outdatedDeadline() {
            // The deadline for LATER was left behind (say a cancellation was lost), and the
            // conversation was snoozed to another time since.
            fixture()
                    .givenCurrentTime(T0)
                    .andGiven(history)
                    .andGivenCommands(fromAcme(new SnoozeConversationCommand(CONVERSATION, null, LATER)))
                    .andGiven(snoozed(T0.plus(Duration.ofDays(2))))
                    .whenThenTimeAdvancesTo(LATER)
                    .expectDeadlinesMet(new Conversation.SnoozeEnded(LATER))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("priority and labels")
    class PriorityAndLabels {

        @Test
        @DisplayName("the priority is set, and setting the same one changes nothing")
        void priority() {
            assertAccepted(
                    fixture().given(history),
                    new SetConversationPriorityCommand(CONVERSATION, 1L, ConversationPriority.URGENT),
                    ACME,
                    2L,
                    new ConversationPriorityChangedEvent(CONVERSATION, ConversationPriority.URGENT));
            List<Object> urgent = new ArrayList<>(history);
            urgent.add(new ConversationPriorityChangedEvent(CONVERSATION, ConversationPriority.URGENT));
            assertUnchanged(
                    fixture().given(urgent),
                    new SetConversationPriorityCommand(CONVERSATION, null, ConversationPriority.URGENT),
                    ACME,
                    2L);
            assertUnchanged(
                    fixture().given(history),
                    new SetConversationPriorityCommand(CONVERSATION, null, ConversationPriority.NONE),
                    ACME,
                    1L);
            assertRefused(
                    fixture().given(history),
                    new SetConversationPriorityCommand(CONVERSATION, null, null),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a label is normalised and added once, removed once, and a bad one is refused")
        void labels() {
            assertAccepted(
                    fixture().given(history),
                    new LabelConversationCommand(CONVERSATION, 1L, "  Billing "),
                    ACME,
                    2L,
                    new ConversationLabelledEvent(CONVERSATION, "billing"));
            List<Object> labelled = new ArrayList<>(history);
            labelled.add(new ConversationLabelledEvent(CONVERSATION, "billing"));
            assertUnchanged(
                    fixture().given(labelled), new LabelConversationCommand(CONVERSATION, null, "BILLING"), ACME, 2L);
            assertAccepted(
                    fixture().given(labelled),
                    new UnlabelConversationCommand(CONVERSATION, 2L, "Billing"),
                    ACME,
                    3L,
                    new ConversationUnlabelledEvent(CONVERSATION, "billing"));
            assertUnchanged(
                    fixture().given(history), new UnlabelConversationCommand(CONVERSATION, null, "billing"), ACME, 1L);
            assertRefused(
                    fixture().given(history),
                    new LabelConversationCommand(CONVERSATION, null, "<script>"),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a conversation holds at most 20 labels")
        void labelLimit() {
            List<Object> full = new ArrayList<>(history);
            for (int i = 0; i < Conversation.MAX_LABELS; i++) {
                full.add(new ConversationLabelledEvent(CONVERSATION, "l" + i));
            }
            assertRefused(
                    fixture().given(full),
                    new LabelConversationCommand(CONVERSATION, null, "one-more"),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("another tenant cannot snooze, prioritise or label the conversation")
        void otherTenant() {
            for (Object command : List.of(
                    new SnoozeConversationCommand(CONVERSATION, null, LATER),
                    new SetConversationPriorityCommand(CONVERSATION, null, ConversationPriority.HIGH),
                    new LabelConversationCommand(CONVERSATION, null, "x"),
                    new UnlabelConversationCommand(CONVERSATION, null, "x"))) {
                assertRefused(fixture().given(history), command, GLOBEX, AggregateNotFoundException.class);
            }
        }
    }

    @Nested
    @DisplayName("round-robin and read marks")
    class Assignment {

        @Test
        @DisplayName("a new conversation goes to whom the round-robin names, in its first transaction")
        void roundRobin() {
            roundRobin.add(AGENT);
            fixture()
                    .givenNoPriorActivity()
                    .when(inbound("m1"), from(ACME))
                    .expectEvents(started(), new ConversationAssignedEvent(CONVERSATION, AGENT, null), received("m1"));
        }

        @Test
        @DisplayName("a later message of the conversation asks the round-robin nothing")
        void laterMessage() {
            roundRobin.add(AGENT);
            fixture().given(history).when(inbound("m2"), from(ACME)).expectEvents(received("m2"));
        }

        @Test
        @DisplayName("each staff user has their own read mark")
        void readPerUser() {
            var last = Conversation.inboundMessageId(CONVERSATION, "m1");
            fixture()
                    .given(history)
                    .when(new MarkConversationReadCommand(CONVERSATION), by(AGENT))
                    .expectEvents(new ConversationReadEvent(CONVERSATION, last, AGENT));
            fixture()
                    .given(history)
                    .andGiven(new ConversationReadEvent(CONVERSATION, last, AGENT))
                    .when(new MarkConversationReadCommand(CONVERSATION), by(OTHER_AGENT))
                    .expectEvents(new ConversationReadEvent(CONVERSATION, last, OTHER_AGENT));
            fixture()
                    .given(history)
                    .andGiven(new ConversationReadEvent(CONVERSATION, last, AGENT))
                    .when(new MarkConversationReadCommand(CONVERSATION), by(AGENT))
                    .expectNoEvents();
        }
    }
}
