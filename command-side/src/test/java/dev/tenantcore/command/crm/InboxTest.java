package dev.tenantcore.command.crm;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.conversation.ChangeInboxSettingsCommand;
import dev.tenantcore.api.crm.conversation.InboxId;
import dev.tenantcore.api.crm.conversation.InboxSettingsChangedEvent;
import dev.tenantcore.api.crm.conversation.SetStaffAvailabilityCommand;
import dev.tenantcore.api.crm.conversation.StaffAvailabilityChangedEvent;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Inbox")
class InboxTest {

    private static final InboxId INBOX = InboxId.of(ACME);
    private static final UserId AGENT = UserId.random();

    /** What the command transaction wrote to the round-robin's record. */
    private final List<String> written = new ArrayList<>();

    private final AggregateTestFixture<Inbox> fixture =
            fixtureFor(Inbox.class, (StaffMembers) AGENT::equals, new InboxRoster() {
                @Override
                public void available(UserId user, boolean available) {
                    written.add(user + "=" + available);
                }

                @Override
                public void autoAssign(boolean autoAssign) {
                    written.add("autoAssign=" + autoAssign);
                }
            });

    @Test
    @DisplayName("a staff member becomes available, in the record too; saying it again changes nothing")
    void availability() {
        fixture.givenNoPriorActivity()
                .when(new SetStaffAvailabilityCommand(INBOX, AGENT, true), from(ACME))
                .expectEvents(new StaffAvailabilityChangedEvent(INBOX, AGENT, true))
                .expectResultMessagePayload(true);
        assertThat(written).containsExactly(AGENT + "=true");
        fixture.given(new StaffAvailabilityChangedEvent(INBOX, AGENT, true))
                .when(new SetStaffAvailabilityCommand(INBOX, AGENT, true), from(ACME))
                .expectNoEvents();
        fixture.given(new StaffAvailabilityChangedEvent(INBOX, AGENT, true))
                .when(new SetStaffAvailabilityCommand(INBOX, AGENT, false), from(ACME))
                .expectEvents(new StaffAvailabilityChangedEvent(INBOX, AGENT, false))
                .expectResultMessagePayload(false);
        assertThat(written).containsExactly(AGENT + "=true", AGENT + "=false");
    }

    @Test
    @DisplayName("someone who is no active staff member cannot be made available")
    void notStaff() {
        assertRefused(
                fixture.givenNoPriorActivity(),
                new SetStaffAvailabilityCommand(INBOX, UserId.random(), true),
                ACME,
                ErrorCode.VALIDATION_FAILED);
        assertThat(written).isEmpty();
    }

    @Test
    @DisplayName("auto-assignment is turned on and off, in the record too")
    void settings() {
        fixture.givenNoPriorActivity()
                .when(new ChangeInboxSettingsCommand(INBOX, true), from(ACME))
                .expectEvents(new InboxSettingsChangedEvent(INBOX, true));
        fixture.given(new InboxSettingsChangedEvent(INBOX, true))
                .when(new ChangeInboxSettingsCommand(INBOX, true), from(ACME))
                .expectNoEvents();
        assertThat(written).containsExactly("autoAssign=true");
    }

    @Test
    @DisplayName("another tenant's inbox is not found")
    void otherTenant() {
        assertRefused(
                fixture.givenNoPriorActivity(),
                new ChangeInboxSettingsCommand(INBOX, true),
                GLOBEX,
                AggregateNotFoundException.class);
        assertRefused(
                fixture.given(new InboxSettingsChangedEvent(INBOX, false)),
                new SetStaffAvailabilityCommand(INBOX, AGENT, true),
                GLOBEX,
                AggregateNotFoundException.class);
        assertThat(written).isEmpty();
    }
}
