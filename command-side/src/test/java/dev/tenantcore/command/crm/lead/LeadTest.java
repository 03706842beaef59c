package dev.tenantcore.command.crm.lead;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.invalid;
import static dev.tenantcore.command.common.CommandFixtures.refusedWith;
import static dev.tenantcore.command.common.Refusals.refusal;
import static dev.tenantcore.command.common.Refusals.refusedAsInvalid;
import static dev.tenantcore.command.common.Transitions.transition;
import static dev.tenantcore.command.crm.lead.LeadFormTest.BUDGET;
import static dev.tenantcore.command.crm.lead.LeadFormTest.CONSENT;
import static dev.tenantcore.command.crm.lead.LeadFormTest.EMAIL;
import static dev.tenantcore.command.crm.lead.LeadFormTest.FORM;
import static dev.tenantcore.command.crm.lead.LeadFormTest.NAME;
import static dev.tenantcore.command.crm.lead.LeadFormTest.PHONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.Consent;
import dev.tenantcore.api.crm.ConsentPurpose;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.lead.AddLeadNoteCommand;
import dev.tenantcore.api.crm.lead.AssignLeadCommand;
import dev.tenantcore.api.crm.lead.ConvertLeadCommand;
import dev.tenantcore.api.crm.lead.DeleteLeadCommand;
import dev.tenantcore.api.crm.lead.LeadConsent;
import dev.tenantcore.api.crm.lead.LeadContactedEvent;
import dev.tenantcore.api.crm.lead.LeadConvertedEvent;
import dev.tenantcore.api.crm.lead.LeadDeletedEvent;
import dev.tenantcore.api.crm.lead.LeadId;
import dev.tenantcore.api.crm.lead.LeadNoteAddedEvent;
import dev.tenantcore.api.crm.lead.LeadOwnerAssignedEvent;
import dev.tenantcore.api.crm.lead.LeadQualifiedEvent;
import dev.tenantcore.api.crm.lead.LeadRejectedEvent;
import dev.tenantcore.api.crm.lead.LeadSubmittedEvent;
import dev.tenantcore.api.crm.lead.LeadUpdatedEvent;
import dev.tenantcore.api.crm.lead.MarkLeadContactedCommand;
import dev.tenantcore.api.crm.lead.QualifyLeadCommand;
import dev.tenantcore.api.crm.lead.RejectLeadCommand;
import dev.tenantcore.api.crm.lead.SubmitLeadCommand;
import dev.tenantcore.api.crm.lead.UpdateLeadCommand;
import dev.tenantcore.command.common.Refusals;
import dev.tenantcore.command.common.Transitions;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

@DisplayName("Lead")
class LeadTest implements Transitions, Refusals {

    private static final LeadId LEAD = LeadId.random();
    private static final Instant RECEIVED = Instant.parse("2026-12-03T12:00:00Z");
    private static final UserId BOB = UserId.random();
    private static final UserId CUSTOMER = UserId.random();
    /** The consent a contact gets from Ann's lead: e-mail marketing, when the lead arrived, how: the form and its text. */
    private static final Consent FORM_CONSENT =
            new Consent(ConsentPurpose.EMAIL_MARKETING, true, RECEIVED, "lead form contact: " + CONSENT);

    private final InMemoryLeadForms forms = new InMemoryLeadForms();
    private final InMemoryLeadContacts contacts = new InMemoryLeadContacts();
    private final LeadOwners owners = BOB::equals;
    private final FixtureConfiguration<Lead> fixture = fixtureFor(Lead.class, forms, contacts, owners);

    @Override
    public FixtureConfiguration<Lead> fixture() {
        return fixture;
    }

    @BeforeEach
    void acmeHasAContactForm() {
        forms.existing(
                ACME, new LeadFormDefinition(FORM, "contact", List.of(NAME, EMAIL, PHONE), List.of(BUDGET), CONSENT));
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static SubmitLeadCommand submit(Map<String, String> fields, Map<String, String> answers, boolean consent) {
        return new SubmitLeadCommand(LEAD, "contact", fields, answers, consent, RECEIVED);
    }

    private static SubmitLeadCommand annSubmits() {
        return submit(
                fields("name", "Ann", "email", " Ann@Example.com ", "phone", "+34 612 345 678"),
                Map.of("budget", "large"),
                true);
    }

    static LeadSubmittedEvent submitted() {
        return new LeadSubmittedEvent(
                LEAD,
                ACME,
                FORM,
                "contact",
                "Ann",
                "ann@example.com",
                "+34612345678",
                null,
                fields("name", "Ann", "email", "ann@example.com", "phone", "+34612345678"),
                Map.of("budget", "large"),
                new LeadConsent(CONSENT, RECEIVED));
    }

    static Stream<Arguments> invalidSubmissions() {
        Map<String, String> ann = fields("name", "Ann", "email", "ann@example.com");
        Map<String, String> budget = Map.of("budget", "large");
        return Stream.of(
                invalid("a missing required field", submit(fields("email", "ann@example.com"), budget, true)),
                invalid(
                        "a blank required field",
                        submit(fields("name", " ", "email", "ann@example.com"), budget, true)),
                invalid("a missing required question", submit(ann, Map.of(), true)),
                invalid("an answer that is not one of the options", submit(ann, Map.of("budget", "huge"), true)),
                invalid("an email that is no address", submit(fields("name", "Ann", "email", "ann"), budget, true)),
                invalid(
                        "a phone without its country code",
                        submit(fields("name", "Ann", "email", "ann@example.com", "phone", "612 345"), budget, true)),
                invalid("no consent when the form asks for it", submit(ann, budget, false)),
                invalid(
                        "a value of 5001 characters",
                        submit(fields("name", "A".repeat(5001), "email", "ann@example.com"), budget, true)));
    }

    static Stream<Arguments> refusals() {
        List<Object> fresh = List.of(submitted());
        List<Object> contacted = List.of(submitted(), new LeadContactedEvent(LEAD));
        List<Object> qualified = List.of(submitted(), new LeadContactedEvent(LEAD), new LeadQualifiedEvent(LEAD));
        List<Object> rejected = List.of(submitted(), new LeadRejectedEvent(LEAD, null));
        List<Object> converted = List.of(
                submitted(),
                new LeadContactedEvent(LEAD),
                new LeadQualifiedEvent(LEAD),
                new LeadConvertedEvent(LEAD, ContactId.random(), true));
        return Stream.of(
                        refusedAsInvalid("submitting", List.of(), invalidSubmissions()),
                        refusedAsInvalid(
                                "updating",
                                fresh,
                                Stream.of(
                                        invalid("an email that is no address", update(null, "ann", null, null)),
                                        invalid("a phone that is no number", update(null, null, "call me", null)),
                                        invalid(
                                                "clearing both email and phone",
                                                new UpdateLeadCommand(LEAD, null, null, "", "", null)),
                                        invalid(
                                                "a name of 201 characters",
                                                update("A".repeat(201), null, null, null)))),
                        refusedAsInvalid(
                                "working the lead",
                                fresh,
                                Stream.of(
                                        invalid(
                                                "an owner who is no staff member",
                                                new AssignLeadCommand(LEAD, null, CUSTOMER)),
                                        invalid("a blank note", new AddLeadNoteCommand(LEAD, null, " ")),
                                        invalid(
                                                "a rejection reason of 1001 characters",
                                                new RejectLeadCommand(LEAD, null, "r".repeat(1001))))),
                        Stream.of(
                                refusal(
                                        "submitting: a field the form does not have is refused as unknown_form_field",
                                        List.of(),
                                        submit(
                                                fields("email", "a@b.co", "name", "A", "fax", "1"),
                                                Map.of("budget", "large"),
                                                true),
                                        ErrorCode.UNKNOWN_FORM_FIELD),
                                refusal(
                                        "submitting: an answer to a question the form does not ask is refused as unknown_form_field",
                                        List.of(),
                                        submit(
                                                fields("email", "a@b.co", "name", "A"),
                                                Map.of("budget", "large", "age", "40"),
                                                true),
                                        ErrorCode.UNKNOWN_FORM_FIELD),
                                refusal(
                                        "submitting: a form key the tenant does not have is refused as not_found",
                                        List.of(),
                                        new SubmitLeadCommand(LEAD, "nothing", Map.of(), Map.of(), true, RECEIVED),
                                        ErrorCode.NOT_FOUND),
                                refusal(
                                        "qualifying a new lead is refused as invalid_state",
                                        fresh,
                                        new QualifyLeadCommand(LEAD, null),
                                        ErrorCode.INVALID_STATE),
                                refusal(
                                        "converting a contacted lead is refused as invalid_state",
                                        contacted,
                                        new ConvertLeadCommand(LEAD, null),
                                        ErrorCode.INVALID_STATE),
                                refusal(
                                        "marking a qualified lead contacted is refused as invalid_state",
                                        qualified,
                                        new MarkLeadContactedCommand(LEAD, null),
                                        ErrorCode.INVALID_STATE),
                                refusal(
                                        "converting a rejected lead is refused as invalid_state",
                                        rejected,
                                        new ConvertLeadCommand(LEAD, null),
                                        ErrorCode.INVALID_STATE),
                                refusal(
                                        "rejecting a converted lead is refused as invalid_state",
                                        converted,
                                        new RejectLeadCommand(LEAD, null, null),
                                        ErrorCode.INVALID_STATE),
                                refusal(
                                        "marking a rejected lead contacted is refused as invalid_state",
                                        rejected,
                                        new MarkLeadContactedCommand(LEAD, null),
                                        ErrorCode.INVALID_STATE)))
                .flatMap(rows -> rows);
    }

    private static UpdateLeadCommand update(String name, String email, String phone, String message) {
        return new UpdateLeadCommand(LEAD, null, name, email, phone, message);
    }

    static Stream<Arguments> transitions() {
        List<Object> fresh = List.of(submitted());
        List<Object> contacted = List.of(submitted(), new LeadContactedEvent(LEAD));
        List<Object> qualified = List.of(submitted(), new LeadContactedEvent(LEAD), new LeadQualifiedEvent(LEAD));
        List<Object> rejected = List.of(submitted(), new LeadRejectedEvent(LEAD, "spam"));
        List<Object> owned = List.of(submitted(), new LeadOwnerAssignedEvent(LEAD, BOB));
        return Stream.of(
                transition(
                        "a new lead is marked contacted",
                        fresh,
                        new MarkLeadContactedCommand(LEAD, null),
                        1L,
                        new LeadContactedEvent(LEAD)),
                transition(
                        "marking a contacted lead contacted changes nothing",
                        contacted,
                        new MarkLeadContactedCommand(LEAD, null),
                        1L),
                transition(
                        "a contacted lead is qualified",
                        contacted,
                        new QualifyLeadCommand(LEAD, null),
                        2L,
                        new LeadQualifiedEvent(LEAD)),
                transition(
                        "qualifying a qualified lead changes nothing",
                        qualified,
                        new QualifyLeadCommand(LEAD, null),
                        2L),
                transition(
                        "a new lead is rejected with its reason",
                        fresh,
                        new RejectLeadCommand(LEAD, null, " spam "),
                        1L,
                        new LeadRejectedEvent(LEAD, "spam")),
                transition(
                        "a qualified lead is rejected without a reason",
                        qualified,
                        new RejectLeadCommand(LEAD, null, ""),
                        3L,
                        new LeadRejectedEvent(LEAD, null)),
                transition(
                        "rejecting a rejected lead changes nothing",
                        rejected,
                        new RejectLeadCommand(LEAD, null, null),
                        1L),
                transition(
                        "a staff member becomes the owner",
                        fresh,
                        new AssignLeadCommand(LEAD, null, BOB),
                        1L,
                        new LeadOwnerAssignedEvent(LEAD, BOB)),
                transition(
                        "assigning the same owner changes nothing", owned, new AssignLeadCommand(LEAD, null, BOB), 1L),
                transition(
                        "a null owner unassigns the lead",
                        owned,
                        new AssignLeadCommand(LEAD, null, null),
                        2L,
                        new LeadOwnerAssignedEvent(LEAD, null)),
                transition(
                        "a corrected email is recorded in lower case with the other details",
                        fresh,
                        update(null, "ANN@example.org", null, null),
                        1L,
                        new LeadUpdatedEvent(LEAD, "Ann", "ann@example.org", "+34612345678", null)),
                transition(
                        "a blank phone clears it while the email stays",
                        fresh,
                        update(null, null, "", "Call after five"),
                        1L,
                        new LeadUpdatedEvent(LEAD, "Ann", "ann@example.com", null, "Call after five")),
                transition(
                        "an update without changes records nothing",
                        fresh,
                        update("Ann", "ann@example.com", null, null),
                        0L),
                transition(
                        "a note without a signed-in user has no author",
                        fresh,
                        new AddLeadNoteCommand(LEAD, null, " Called, no answer "),
                        1L,
                        new LeadNoteAddedEvent(LEAD, "Called, no answer", null)));
    }

    @Test
    @DisplayName("a lead in any status is deleted")
    void delete() {
        fixture.given(submitted(), new LeadRejectedEvent(LEAD, "spam"))
                .when(new DeleteLeadCommand(LEAD, null), from(ACME))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new LeadDeletedEvent(LEAD));
    }

    @Nested
    @DisplayName("submitting")
    class Submitting {

        @Test
        @DisplayName(
                "a submission is recorded with normalised contact details, answers and the consent's text and time")
        void submits() {
            fixture.givenNoPriorActivity()
                    .when(annSubmits(), from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(submitted());
        }

        @Test
        @DisplayName("a form without consent text records no consent, and blank optional fields are left out")
        void noConsentAsked() {
            forms.existing(ACME, new LeadFormDefinition(FORM, "contact", List.of(EMAIL, PHONE), List.of(), null));

            fixture.givenNoPriorActivity()
                    .when(submit(fields("email", "ann@example.com", "phone", " "), Map.of(), false), from(ACME))
                    .expectEvents(new LeadSubmittedEvent(
                            LEAD,
                            ACME,
                            FORM,
                            "contact",
                            null,
                            "ann@example.com",
                            null,
                            null,
                            Map.of("email", "ann@example.com"),
                            Map.of(),
                            null));
        }

        @Test
        @DisplayName("a form with neither email nor phone filled in is refused: the lead could not be answered")
        void unreachable() {
            forms.existing(ACME, new LeadFormDefinition(FORM, "contact", List.of(EMAIL, PHONE), List.of(), null));

            fixture.givenNoPriorActivity()
                    .when(submit(Map.of(), Map.of(), false), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.VALIDATION_FAILED));
        }

        @Test
        @DisplayName("another tenant's form is not found under the same key")
        void otherTenantsForm() {
            fixture.givenNoPriorActivity()
                    .when(annSubmits(), from(GLOBEX))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.NOT_FOUND));
        }
    }

    @Nested
    @DisplayName("notes")
    class Notes {

        @Test
        @DisplayName("a note names the signed-in user who wrote it")
        void author() {
            Map<String, Object> bob = new HashMap<>(from(ACME));
            bob.put(MetadataKeys.USER_ID, BOB.toString());

            fixture.given(submitted())
                    .when(new AddLeadNoteCommand(LEAD, null, "Wants a call on Monday"), bob)
                    .expectEvents(new LeadNoteAddedEvent(LEAD, "Wants a call on Monday", BOB));
        }
    }

    @Nested
    @DisplayName("converting")
    class Converting {

        private final List<Object> qualified =
                List.of(submitted(), new LeadContactedEvent(LEAD), new LeadQualifiedEvent(LEAD));

        @Test
        @DisplayName("a qualified lead without a matching contact creates one whose id derives from the lead")
        void createsContact() {
            ContactId expected = Lead.contactFor(LEAD);

            fixture.given(qualified)
                    .when(new ConvertLeadCommand(LEAD, null), from(ACME))
                    .expectEvents(new LeadConvertedEvent(LEAD, expected, true))
                    .expectResultMessagePayload(3L);

            assertThat(contacts.created).singleElement().satisfies(c -> {
                assertThat(c.contactId()).isEqualTo(expected);
                assertThat(c.name()).isEqualTo("Ann");
                assertThat(c.emails()).containsExactly("ann@example.com");
                assertThat(c.phones()).containsExactly("+34612345678");
                assertThat(c.source()).isEqualTo("form:contact");
            });
        }

        @Test
        @DisplayName("the new contact gets the visitor's consent to e-mail marketing, with when and how: the form "
                + "and the text agreed to")
        void newContactGetsConsent() {
            fixture.given(qualified).when(new ConvertLeadCommand(LEAD, null), from(ACME));

            assertThat(contacts.created)
                    .singleElement()
                    .satisfies(c -> assertThat(c.consents()).containsExactly(FORM_CONSENT));
        }

        @Test
        @DisplayName("a linked contact is asked to add the visitor's consent")
        void linkedContactGetsConsent() {
            ContactId ann = ContactId.random();
            contacts.existing(ann, "ann@example.com", null);

            fixture.given(qualified)
                    .when(new ConvertLeadCommand(LEAD, null), from(ACME))
                    .expectEvents(new LeadConvertedEvent(LEAD, ann, false));
            assertThat(contacts.consentsAdded.get(ann)).containsExactly(FORM_CONSENT);
        }

        @Test
        @DisplayName("a lead whose form asked for no consent gives the contact none")
        void noConsentNoneGiven() {
            LeadSubmittedEvent withoutConsent = new LeadSubmittedEvent(
                    LEAD,
                    ACME,
                    FORM,
                    "contact",
                    "Ann",
                    "ann@example.com",
                    null,
                    null,
                    fields("name", "Ann", "email", "ann@example.com"),
                    Map.of("budget", "large"),
                    null);
            ContactId ann = ContactId.random();
            contacts.existing(ann, "ann@example.com", null);

            fixture.given(withoutConsent, new LeadContactedEvent(LEAD), new LeadQualifiedEvent(LEAD))
                    .when(new ConvertLeadCommand(LEAD, null), from(ACME))
                    .expectEvents(new LeadConvertedEvent(LEAD, ann, false));
            assertThat(contacts.consentsAdded).isEmpty();
        }

        @Test
        @DisplayName("the contact that already has the lead's email is linked, and none is created")
        void linksByEmail() {
            ContactId ann = ContactId.random();
            contacts.existing(ann, "ann@example.com", null);

            fixture.given(qualified)
                    .when(new ConvertLeadCommand(LEAD, null), from(ACME))
                    .expectEvents(new LeadConvertedEvent(LEAD, ann, false));
            assertThat(contacts.created).isEmpty();
        }

        @Test
        @DisplayName("the contact that already has the lead's phone is linked when none has its email")
        void linksByPhone() {
            ContactId ann = ContactId.random();
            contacts.existing(ann, null, "+34612345678");

            fixture.given(qualified)
                    .when(new ConvertLeadCommand(LEAD, null), from(ACME))
                    .expectEvents(new LeadConvertedEvent(LEAD, ann, false));
            assertThat(contacts.created).isEmpty();
        }

        @Test
        @DisplayName("converting a converted lead again changes nothing and creates no second contact")
        void idempotent() {
            List<Object> converted = new java.util.ArrayList<>(qualified);
            converted.add(new LeadConvertedEvent(LEAD, Lead.contactFor(LEAD), true));

            fixture.given(converted)
                    .when(new ConvertLeadCommand(LEAD, null), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(3L);
            assertThat(contacts.created).isEmpty();
        }

        @Test
        @DisplayName("the derived contact id is the same for the same lead and differs between leads")
        void derivedIds() {
            assertThat(Lead.contactFor(LEAD)).isEqualTo(Lead.contactFor(new LeadId(LEAD.value())));
            assertThat(Set.of(Lead.contactFor(LEAD), Lead.contactFor(LeadId.random())))
                    .hasSize(2);
        }
    }
}
