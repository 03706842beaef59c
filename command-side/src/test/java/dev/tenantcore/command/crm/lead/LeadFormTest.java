package dev.tenantcore.command.crm.lead;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.GLOBEX;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.invalid;
import static dev.tenantcore.command.common.CommandFixtures.refusedWith;
import static dev.tenantcore.command.common.Refusals.refusedAsInvalid;
import static dev.tenantcore.command.common.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.crm.lead.CreateLeadFormCommand;
import dev.tenantcore.api.crm.lead.DeleteLeadFormCommand;
import dev.tenantcore.api.crm.lead.LeadFieldType;
import dev.tenantcore.api.crm.lead.LeadFormCreatedEvent;
import dev.tenantcore.api.crm.lead.LeadFormDeletedEvent;
import dev.tenantcore.api.crm.lead.LeadFormField;
import dev.tenantcore.api.crm.lead.LeadFormId;
import dev.tenantcore.api.crm.lead.LeadFormUpdatedEvent;
import dev.tenantcore.api.crm.lead.UpdateLeadFormCommand;
import dev.tenantcore.command.common.InMemoryUniqueKeys;
import dev.tenantcore.command.common.Refusals;
import dev.tenantcore.command.common.Transitions;
import dev.tenantcore.command.common.UniqueKeys.Scope;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

@DisplayName("LeadForm")
class LeadFormTest implements Transitions, Refusals {

    static final LeadFormId FORM = LeadFormId.random();
    static final LeadFormField NAME = new LeadFormField("name", "Your name", LeadFieldType.TEXT, true, List.of());
    static final LeadFormField EMAIL = new LeadFormField("email", "Email", LeadFieldType.EMAIL, true, List.of());
    static final LeadFormField PHONE = new LeadFormField("phone", "Phone", LeadFieldType.PHONE, false, List.of());
    static final LeadFormField BUDGET =
            new LeadFormField("budget", "Budget", LeadFieldType.CHOICE, true, List.of("small", "large"));
    static final String CONSENT = "You may contact me about my request.";

    private final InMemoryUniqueKeys keys = new InMemoryUniqueKeys();
    private final InMemoryLeadForms forms = new InMemoryLeadForms();
    private final FixtureConfiguration<LeadForm> fixture = fixtureFor(LeadForm.class, keys, forms);

    @Override
    public FixtureConfiguration<LeadForm> fixture() {
        return fixture;
    }

    static LeadFormCreatedEvent created() {
        return new LeadFormCreatedEvent(
                FORM, ACME, "contact", "Contact us", List.of(NAME, EMAIL, PHONE), List.of(BUDGET), CONSENT);
    }

    private static CreateLeadFormCommand create(
            String key, String name, List<LeadFormField> fields, List<LeadFormField> questions, String consent) {
        return new CreateLeadFormCommand(FORM, key, name, fields, questions, consent);
    }

    private static UpdateLeadFormCommand update(
            String name, List<LeadFormField> fields, List<LeadFormField> questions, String consent) {
        return new UpdateLeadFormCommand(FORM, null, name, fields, questions, consent);
    }

    static Stream<Arguments> invalidForms() {
        LeadFormField text = new LeadFormField("company", "Company", LeadFieldType.TEXT, false, List.of());
        return Stream.of(
                invalid("a key with capitals", create("Contact", "C", List.of(EMAIL), List.of(), null)),
                invalid("a missing key", create(null, "C", List.of(EMAIL), List.of(), null)),
                invalid("a blank name", create("contact", " ", List.of(EMAIL), List.of(), null)),
                invalid("no fields", create("contact", "C", List.of(), List.of(), null)),
                invalid("neither an email nor a phone field", create("contact", "C", List.of(text), List.of(), null)),
                invalid("a key used twice", create("contact", "C", List.of(EMAIL, EMAIL), List.of(), null)),
                invalid(
                        "a question with a field's key",
                        create(
                                "contact",
                                "C",
                                List.of(EMAIL),
                                List.of(new LeadFormField("email", "Again", LeadFieldType.TEXT, false, List.of())),
                                null)),
                invalid(
                        "a field key with a space",
                        create(
                                "contact",
                                "C",
                                List.of(EMAIL, new LeadFormField("my field", "F", LeadFieldType.TEXT, false, null)),
                                List.of(),
                                null)),
                invalid(
                        "a field without a type",
                        create(
                                "contact",
                                "C",
                                List.of(EMAIL, new LeadFormField("f", "F", null, false, null)),
                                List.of(),
                                null)),
                invalid(
                        "a choice without options",
                        create(
                                "contact",
                                "C",
                                List.of(EMAIL),
                                List.of(new LeadFormField("q", "Q", LeadFieldType.CHOICE, false, List.of())),
                                null)),
                invalid(
                        "options on a text field",
                        create(
                                "contact",
                                "C",
                                List.of(EMAIL, new LeadFormField("f", "F", LeadFieldType.TEXT, false, List.of("a"))),
                                List.of(),
                                null)),
                invalid(
                        "a consent text of 2001 characters",
                        create("contact", "C", List.of(EMAIL), List.of(), "c".repeat(2001))));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                        refusedAsInvalid("creating", List.of(), invalidForms()),
                        refusedAsInvalid(
                                "updating",
                                List.of(created()),
                                Stream.of(
                                        invalid("a blank name", update("", null, null, null)),
                                        invalid("no fields", update(null, List.of(), null, null)),
                                        invalid(
                                                "dropping the only email and phone fields",
                                                update(null, List.of(NAME), null, null)))))
                .flatMap(rows -> rows);
    }

    static Stream<Arguments> transitions() {
        List<Object> form = List.of(created());
        return Stream.of(
                transition(
                        "a new name is recorded with the rest of the definition",
                        form,
                        update("Talk to us", null, null, null),
                        1L,
                        new LeadFormUpdatedEvent(
                                FORM, "Talk to us", List.of(NAME, EMAIL, PHONE), List.of(BUDGET), CONSENT)),
                transition(
                        "a blank consent text removes the consent",
                        form,
                        update(null, null, null, " "),
                        1L,
                        new LeadFormUpdatedEvent(
                                FORM, "Contact us", List.of(NAME, EMAIL, PHONE), List.of(BUDGET), null)),
                transition(
                        "an update that changes nothing records nothing",
                        form,
                        update("Contact us", List.of(NAME, EMAIL, PHONE), null, CONSENT),
                        0L));
    }

    @Nested
    @DisplayName("creating")
    class Creating {

        @Test
        @DisplayName(
                "a form is created for the caller's tenant, its key claimed and its definition recorded for submissions")
        void creates() {
            fixture.givenNoPriorActivity()
                    .when(
                            create("contact", " Contact us ", List.of(NAME, EMAIL, PHONE), List.of(BUDGET), CONSENT),
                            from(ACME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(created());

            assertThat(keys.ownerOf(ACME, Scope.LEAD_FORM_KEY, "contact")).contains(FORM.value());
            assertThat(forms.of(ACME, FORM)).hasValueSatisfying(f -> {
                assertThat(f.key()).isEqualTo("contact");
                assertThat(f.questions()).containsExactly(BUDGET);
                assertThat(f.consentText()).isEqualTo(CONSENT);
            });
        }

        @Test
        @DisplayName("a key another form of the tenant has is refused as slug_taken, and nothing is recorded")
        void keyTaken() {
            keys.claimed(
                    ACME, Scope.LEAD_FORM_KEY, "contact", LeadFormId.random().value());

            fixture.givenNoPriorActivity()
                    .when(create("contact", "Contact", List.of(EMAIL), List.of(), null), from(ACME))
                    .expectNoEvents()
                    .expectException(refusedWith(ErrorCode.SLUG_TAKEN));
            assertThat(forms.of(ACME, FORM)).isEmpty();
        }

        @Test
        @DisplayName("another tenant may use the same key")
        void keyOfAnotherTenant() {
            keys.claimed(
                    GLOBEX, Scope.LEAD_FORM_KEY, "contact", LeadFormId.random().value());

            fixture.givenNoPriorActivity()
                    .when(create("contact", "Contact", List.of(EMAIL), List.of(), null), from(ACME))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    @DisplayName("updating and deleting")
    class UpdatingAndDeleting {

        @Test
        @DisplayName("a new field reaches the definition that submissions are checked against")
        void updateReachesDefinitions() {
            forms.existing(
                    ACME,
                    new LeadFormDefinition(FORM, "contact", List.of(NAME, EMAIL, PHONE), List.of(BUDGET), CONSENT));

            fixture.given(created())
                    .when(update(null, List.of(EMAIL), null, null), from(ACME))
                    .expectEvents(
                            new LeadFormUpdatedEvent(FORM, "Contact us", List.of(EMAIL), List.of(BUDGET), CONSENT));

            assertThat(forms.of(ACME, FORM))
                    .hasValueSatisfying(f -> assertThat(f.fields()).containsExactly(EMAIL));
        }

        @Test
        @DisplayName("deleting a form frees its key and takes it out of the definitions")
        void delete() {
            keys.claimed(ACME, Scope.LEAD_FORM_KEY, "contact", FORM.value());
            forms.existing(ACME, new LeadFormDefinition(FORM, "contact", List.of(EMAIL), List.of(), null));

            fixture.given(created())
                    .when(new DeleteLeadFormCommand(FORM, null), from(ACME))
                    .expectEvents(new LeadFormDeletedEvent(FORM, "contact"));

            assertThat(keys.ownerOf(ACME, Scope.LEAD_FORM_KEY, "contact")).isEmpty();
            assertThat(forms.of(ACME, FORM)).isEmpty();
        }
    }
}
