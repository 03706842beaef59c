package dev.tenantcore.command.crm;

import static dev.tenantcore.command.common.CommandFixtures.ACME;
import static dev.tenantcore.command.common.CommandFixtures.assertRefused;
import static dev.tenantcore.command.common.CommandFixtures.fixtureFor;
import static dev.tenantcore.command.common.CommandFixtures.from;
import static dev.tenantcore.command.common.CommandFixtures.invalid;
import static dev.tenantcore.command.common.Refusals.refusal;
import static dev.tenantcore.command.common.Refusals.refusedAsInvalid;
import static dev.tenantcore.command.common.Transitions.transition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.AddContactConsentsCommand;
import dev.tenantcore.api.crm.AddContactNoteCommand;
import dev.tenantcore.api.crm.AddContactTaskCommand;
import dev.tenantcore.api.crm.ArchiveContactCommand;
import dev.tenantcore.api.crm.ChannelHandle;
import dev.tenantcore.api.crm.CompleteContactTaskCommand;
import dev.tenantcore.api.crm.Consent;
import dev.tenantcore.api.crm.ConsentPurpose;
import dev.tenantcore.api.crm.ContactArchivedEvent;
import dev.tenantcore.api.crm.ContactCreatedEvent;
import dev.tenantcore.api.crm.ContactDeletedEvent;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.ContactMergedEvent;
import dev.tenantcore.api.crm.ContactMergedIntoEvent;
import dev.tenantcore.api.crm.ContactNoteAddedEvent;
import dev.tenantcore.api.crm.ContactRestoredEvent;
import dev.tenantcore.api.crm.ContactTaggedEvent;
import dev.tenantcore.api.crm.ContactTaskAddedEvent;
import dev.tenantcore.api.crm.ContactTaskCompletedEvent;
import dev.tenantcore.api.crm.ContactTaskReopenedEvent;
import dev.tenantcore.api.crm.ContactTaskUpdatedEvent;
import dev.tenantcore.api.crm.ContactUntaggedEvent;
import dev.tenantcore.api.crm.ContactUpdatedEvent;
import dev.tenantcore.api.crm.CreateContactCommand;
import dev.tenantcore.api.crm.CustomFieldId;
import dev.tenantcore.api.crm.CustomFieldType;
import dev.tenantcore.api.crm.DeleteContactCommand;
import dev.tenantcore.api.crm.LifecycleStages;
import dev.tenantcore.api.crm.MailContactCommand;
import dev.tenantcore.api.crm.MergeContactCommand;
import dev.tenantcore.api.crm.ReopenContactTaskCommand;
import dev.tenantcore.api.crm.RestoreContactCommand;
import dev.tenantcore.api.crm.TagContactCommand;
import dev.tenantcore.api.crm.UntagContactCommand;
import dev.tenantcore.api.crm.UpdateContactCommand;
import dev.tenantcore.api.crm.UpdateContactTaskCommand;
import dev.tenantcore.command.common.CommandFixtures;
import dev.tenantcore.command.common.InMemoryCustomers;
import dev.tenantcore.command.common.InMemoryUniqueKeys;
import dev.tenantcore.command.common.Refusals;
import dev.tenantcore.command.common.Transitions;
import dev.tenantcore.command.common.UniqueKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

@DisplayName("Contact")
class ContactTest implements Transitions, Refusals {

    private static final ContactId ANN = ContactId.random();
    private static final ContactId DUPLICATE = ContactId.random();
    private static final UserId STAFF = UserId.random();
    private static final UserId CUSTOMER = UserId.random();
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final CustomFieldId BUDGET = CustomFieldId.random();
    private static final CustomFieldId SIZE = CustomFieldId.random();
    private static final CustomFieldId VAT = CustomFieldId.random();
    private static final List<CustomFieldDefinitions.Definition> FIELDS = List.of(
            new CustomFieldDefinitions.Definition(BUDGET, "budget", CustomFieldType.NUMBER, List.of(), false, false),
            new CustomFieldDefinitions.Definition(
                    SIZE, "size", CustomFieldType.MULTI_SELECT, List.of("s", "m", "l"), false, false),
            new CustomFieldDefinitions.Definition(VAT, "vat_id", CustomFieldType.TEXT, List.of(), false, true));

    private final InMemoryUniqueKeys keys = new InMemoryUniqueKeys();
    private final List<CustomFieldDefinitions.Definition> definitions = new ArrayList<>(FIELDS);
    private final List<String> stages = new ArrayList<>(LifecycleStages.DEFAULT);
    /** The duplicate of a merge, as the repository would load it: its details, or a refusal. */
    private Contact.Details duplicate = Contact.Details.of(created(DUPLICATE, d -> {
        d.name = "Ann L.";
        d.emails = List.of("ann@home.example");
        d.company = "Acme";
        d.tags = List.of("newsletter");
    }));

    /** The mails the contact's commands queued: key, template, recipient, model's name and orderId. */
    private final List<String> mailed = new java.util.ArrayList<>();

    private final FixtureConfiguration<Contact> fixture = fixtureFor(
            Contact.class,
            keys,
            new InMemoryCustomers().given(ACME, CUSTOMER),
            (StaffMembers) STAFF::equals,
            new StageLists() {
                @Override
                public List<String> current() {
                    return stages;
                }

                @Override
                public void set(List<String> changed) {
                    stages.clear();
                    stages.addAll(changed);
                }
            },
            new CustomFieldDefinitions() {
                @Override
                public List<Definition> all() {
                    return definitions;
                }

                @Override
                public void defined(Definition definition) {}

                @Override
                public void renamed(CustomFieldId id, String key) {}

                @Override
                public void removed(CustomFieldId id) {}
            },
            (ContactMail) (key, template, recipient, locale, model) ->
                    mailed.add(Map.copyOf(model).size() + "|" + key + "|" + template + "|" + recipient + "|"
                            + model.get("name") + "|" + model.get("orderId")),
            (ContactMerges) (dup, survivor, tenant) -> {
                if (!dup.equals(DUPLICATE) || !tenant.equals(ACME)) {
                    throw dev.tenantcore.command.common.Rules.invalid("duplicateId does not name a contact");
                }
                return duplicate;
            });

    @Override
    public FixtureConfiguration<Contact> fixture() {
        return fixture;
    }

    /** A contact's details as a test writes them, starting from Ann's. */
    static final class Draft {
        String name = "Ann Lee";
        String company;
        List<String> emails = List.of("ann@example.com");
        List<String> phones = List.of("+34612345678");
        PostalAddress address;
        String locale = "es-ES";
        String stage = "subscriber";
        UserId ownerId;
        String source;
        List<Consent> consents = List.of();
        List<String> tags = List.of();
        Map<String, Object> customFields = Map.of();
        UserId customerAccountId;
        List<ChannelHandle> channelHandles = List.of();

        CreateContactCommand create(ContactId id) {
            return new CreateContactCommand(
                    id,
                    name,
                    company,
                    emails,
                    phones,
                    address,
                    locale,
                    stage,
                    ownerId,
                    source,
                    consents,
                    tags,
                    customFields,
                    customerAccountId,
                    channelHandles);
        }
    }

    private static ContactCreatedEvent created(ContactId id, Consumer<Draft> change) {
        Draft d = new Draft();
        change.accept(d);
        return new ContactCreatedEvent(
                id,
                ACME,
                d.name,
                d.company,
                d.emails,
                d.phones,
                d.address,
                d.locale,
                d.stage,
                d.ownerId,
                d.source,
                d.consents,
                d.tags,
                d.customFields,
                d.customerAccountId,
                d.channelHandles);
    }

    static ContactCreatedEvent ann() {
        return created(ANN, d -> {});
    }

    static CreateContactCommand create(Consumer<Draft> change) {
        Draft d = new Draft();
        change.accept(d);
        return d.create(ANN);
    }

    /** Ann's details updated: the event records them whole. */
    static ContactUpdatedEvent annUpdated(Consumer<Draft> change) {
        ContactCreatedEvent e = created(ANN, change);
        return new ContactUpdatedEvent(
                ANN,
                e.name(),
                e.company(),
                e.emails(),
                e.phones(),
                e.address(),
                e.locale(),
                e.stage(),
                e.ownerId(),
                e.source(),
                e.consents(),
                e.tags(),
                e.customFields(),
                e.customerAccountId(),
                e.channelHandles());
    }

    static UpdateContactCommand update(Long version, Consumer<Draft> change) {
        Draft d = new Draft();
        d.name = null;
        d.emails = null;
        d.phones = null;
        d.locale = null;
        d.stage = null;
        d.consents = null;
        d.tags = null;
        d.customFields = null;
        d.channelHandles = null;
        change.accept(d);
        return new UpdateContactCommand(
                ANN,
                version,
                d.name,
                d.company,
                d.emails,
                d.phones,
                d.address,
                d.locale,
                d.stage,
                d.ownerId,
                false,
                d.source,
                d.consents,
                d.tags,
                d.customFields,
                d.customerAccountId,
                d.channelHandles);
    }

    static Stream<Arguments> transitions() {
        List<Object> active = List.of(ann());
        List<Object> archived = List.of(ann(), new ContactArchivedEvent(ANN));
        List<Object> tagged = List.of(ann(), new ContactTaggedEvent(ANN, "vip"));
        return Stream.of(
                transition(
                        "a new company is recorded with every unchanged detail",
                        active,
                        update(null, d -> d.company = "Acme"),
                        1L,
                        annUpdated(d -> d.company = "Acme")),
                transition(
                        "a phone in national form is stored in E.164 by the address's country",
                        active,
                        update(null, d -> {
                            d.phones = List.of("020 7946 0958");
                            d.address = new PostalAddress(null, null, "London", null, null, "GB");
                        }),
                        1L,
                        annUpdated(d -> {
                            d.phones = List.of("+442079460958");
                            d.address = new PostalAddress(null, null, "London", null, null, "GB");
                        })),
                transition(
                        "custom field values are stored by the field's id",
                        active,
                        update(null, d -> d.customFields = Map.of("size", List.of("m", "m", "l"))),
                        1L,
                        annUpdated(d -> d.customFields = Map.of(SIZE.toString(), List.of("m", "l")))),
                transition(
                        "an owner who is active staff is assigned",
                        active,
                        update(null, d -> d.ownerId = STAFF),
                        1L,
                        annUpdated(d -> d.ownerId = STAFF)),
                transition(
                        "a customer account of the tenant is linked",
                        active,
                        update(null, d -> d.customerAccountId = CUSTOMER),
                        1L,
                        annUpdated(d -> d.customerAccountId = CUSTOMER)),
                transition(
                        "consents keep when and how they were given",
                        active,
                        update(
                                null,
                                d -> d.consents =
                                        List.of(new Consent(ConsentPurpose.SMS_MARKETING, true, AT, "shop counter"))),
                        1L,
                        annUpdated(d -> d.consents =
                                List.of(new Consent(ConsentPurpose.SMS_MARKETING, true, AT, "shop counter")))),
                transition("an update without changes records nothing", active, update(null, d -> {}), 0L),
                transition(
                        "an update based on the current version is accepted",
                        active,
                        update(0L, d -> d.stage = "lead"),
                        1L,
                        annUpdated(d -> d.stage = "lead")),
                transition(
                        "a tag is added in lower case",
                        active,
                        new TagContactCommand(ANN, null, " VIP "),
                        1L,
                        new ContactTaggedEvent(ANN, "vip")),
                transition("a tag it has is not added twice", tagged, new TagContactCommand(ANN, null, "vip"), 1L),
                transition(
                        "a tag is removed",
                        tagged,
                        new UntagContactCommand(ANN, null, "VIP"),
                        2L,
                        new ContactUntaggedEvent(ANN, "vip")),
                transition(
                        "a tag it does not have is not removed", active, new UntagContactCommand(ANN, null, "vip"), 0L),
                transition(
                        "an active contact is archived",
                        active,
                        new ArchiveContactCommand(ANN, null),
                        1L,
                        new ContactArchivedEvent(ANN)),
                transition(
                        "archiving an archived contact records nothing",
                        archived,
                        new ArchiveContactCommand(ANN, null),
                        1L),
                transition(
                        "an archived contact is restored",
                        archived,
                        new RestoreContactCommand(ANN, null),
                        2L,
                        new ContactRestoredEvent(ANN)),
                transition(
                        "restoring an active contact records nothing",
                        active,
                        new RestoreContactCommand(ANN, null),
                        0L),
                transition(
                        "an archived contact may still be changed",
                        archived,
                        update(null, d -> d.company = "Acme"),
                        2L,
                        annUpdated(d -> d.company = "Acme")));
    }

    static Stream<Arguments> refusals() {
        List<Object> active = List.of(ann());
        List<Object> merged = List.of(ann(), new ContactMergedIntoEvent(ANN, DUPLICATE));
        return Stream.of(
                        refusedAsInvalid("creating", List.of(), invalidContacts()),
                        refusedAsInvalid("updating", active, invalidUpdates()),
                        Stream.of(
                                refusal(
                                        "a merged contact refuses an update",
                                        merged,
                                        update(null, d -> d.company = "Acme"),
                                        ErrorCode.INVALID_STATE),
                                refusal(
                                        "a merged contact refuses a tag",
                                        merged,
                                        new TagContactCommand(ANN, null, "vip"),
                                        ErrorCode.INVALID_STATE),
                                refusal(
                                        "a merged contact refuses to be archived",
                                        merged,
                                        new ArchiveContactCommand(ANN, null),
                                        ErrorCode.INVALID_STATE),
                                refusal(
                                        "a merged contact refuses to be restored",
                                        merged,
                                        new RestoreContactCommand(ANN, null),
                                        ErrorCode.INVALID_STATE),
                                refusal(
                                        "a merged contact refuses a note",
                                        merged,
                                        new AddContactNoteCommand(ANN, UUID.randomUUID(), "hi"),
                                        ErrorCode.INVALID_STATE),
                                refusal(
                                        "a merged contact refuses to absorb another",
                                        merged,
                                        new MergeContactCommand(ANN, null, DUPLICATE),
                                        ErrorCode.INVALID_STATE),
                                refusal(
                                        "a contact cannot be merged into itself",
                                        active,
                                        new MergeContactCommand(ANN, null, ANN),
                                        ErrorCode.VALIDATION_FAILED),
                                refusal(
                                        "a merge names a contact of the tenant",
                                        active,
                                        new MergeContactCommand(ANN, null, ContactId.random()),
                                        ErrorCode.VALIDATION_FAILED),
                                refusal(
                                        "a blank note is refused",
                                        active,
                                        new AddContactNoteCommand(ANN, UUID.randomUUID(), " "),
                                        ErrorCode.VALIDATION_FAILED),
                                refusal(
                                        "a tag with a comma is refused",
                                        active,
                                        new TagContactCommand(ANN, null, "a,b"),
                                        ErrorCode.VALIDATION_FAILED)))
                .flatMap(rows -> rows);
    }

    static Stream<Arguments> invalidContacts() {
        return Stream.of(
                invalid("a blank name", create(d -> d.name = " ")),
                invalid("a name of 201 characters", create(d -> d.name = "n".repeat(201))),
                invalid("an e-mail without a domain", create(d -> d.emails = List.of("ann@"))),
                invalid("a phone without a country", create(d -> d.phones = List.of("612345678"))),
                invalid("a phone that is too short", create(d -> d.phones = List.of("+3461"))),
                invalid("a stage the tenant does not have", create(d -> d.stage = "astronaut")),
                invalid("an owner who is no staff", create(d -> d.ownerId = UserId.random())),
                invalid("a customer account of no customer", create(d -> d.customerAccountId = UserId.random())),
                invalid("a locale that is no language tag", create(d -> d.locale = "english please")),
                invalid(
                        "a country that is no ISO code",
                        create(d -> d.address = new PostalAddress(null, null, null, null, null, "Spain"))),
                invalid("an unknown custom field", create(d -> d.customFields = Map.of("shoe", 42))),
                invalid("text in a number field", create(d -> d.customFields = Map.of("budget", "lots"))),
                invalid("an option a select field lacks", create(d -> d.customFields = Map.of("size", List.of("xl")))),
                invalid("a NUL in a text field", create(d -> d.customFields = Map.of("vat_id", "a\u0000b"))),
                invalid("numbers in a select field", create(d -> d.customFields = Map.of("size", List.of(1)))),
                invalid(
                        "a channel without a handle",
                        create(d -> d.channelHandles = List.of(new ChannelHandle("telegram", " ")))),
                invalid("21 e-mail addresses", create(d -> d.emails = manyEmails(21))),
                invalid(
                        "a consent without a purpose",
                        create(d -> d.consents = List.of(new Consent(null, true, AT, null)))));
    }

    static Stream<Arguments> invalidUpdates() {
        return Stream.of(
                invalid("an empty name", update(null, d -> d.name = "")),
                invalid("an e-mail with a space", update(null, d -> d.emails = List.of("ann lee@example.com"))),
                invalid("a stage the tenant does not have", update(null, d -> d.stage = "astronaut")),
                invalid("an owner who is no staff", update(null, d -> d.ownerId = UserId.random())),
                invalid("a boolean in a text field", update(null, d -> d.customFields = Map.of("vat_id", true))));
    }

    private static List<String> manyEmails(int count) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            emails.add("a" + i + "@example.com");
        }
        return emails;
    }

    @Test
    @DisplayName("a new contact stores its details normalised, in the tenant's first stage")
    void createsNormalised() {
        fixture.givenNoPriorActivity()
                .when(
                        create(d -> {
                            d.emails = List.of(" Ann@Example.COM ");
                            d.phones = List.of("+34 612 34 56 78");
                            d.stage = null;
                            d.tags = List.of("VIP", "vip");
                        }),
                        from(ACME))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(ANN, d -> d.tags = List.of("vip")));
        assertThat(keys.ownerOf(ACME, UniqueKeys.Scope.CONTACT_EMAIL, "ann@example.com"))
                .contains(ANN.value());
        assertThat(keys.ownerOf(ACME, UniqueKeys.Scope.CONTACT_PHONE, "+34612345678"))
                .contains(ANN.value());
    }

    @Test
    @DisplayName("a contact with another contact's e-mail, phone or unique field value is refused as a duplicate")
    void refusesDuplicates() {
        UUID other = UUID.randomUUID();
        keys.claimed(ACME, UniqueKeys.Scope.CONTACT_EMAIL, "ann@example.com", other);
        assertRefused(fixture.givenNoPriorActivity(), create(d -> {}), ACME, ErrorCode.DUPLICATE_CONTACT);
    }

    @Nested
    @DisplayName("mailing a contact")
    class Mailing {

        @Test
        @DisplayName(
                "queues the template to the contact's first address under its key, with the contact's name in the model")
        void queuesTheMail() {
            UUID key = UUID.randomUUID();
            fixture.given(created(ANN, d -> d.emails = List.of("ann@example.com", "ann@work.example")))
                    .when(new MailContactCommand(ANN, key, "order_confirmation", modelWithANull()), from(ACME))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution();
            assertThat(mailed)
                    .containsExactly("3|automation:" + key + "|order_confirmation|ann@example.com|Ann Lee|o-1");
        }

        private static Map<String, Object> modelWithANull() {
            Map<String, Object> model = new java.util.HashMap<>();
            model.put("orderId", "o-1");
            model.put("couponCode", null);
            return model;
        }

        @Test
        @DisplayName("a contact without an email address is refused and nothing is queued")
        void refusesWithoutAddress() {
            assertRefused(
                    fixture.given(created(ANN, d -> d.emails = List.of())),
                    new MailContactCommand(ANN, UUID.randomUUID(), "order_confirmation", Map.of()),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
            assertThat(mailed).isEmpty();
        }

        @Test
        @DisplayName("another tenant's contact cannot be mailed")
        void anotherTenantCannot() {
            fixture.given(created(ANN, d -> {}))
                    .when(
                            new MailContactCommand(ANN, UUID.randomUUID(), "order_confirmation", Map.of()),
                            from(CommandFixtures.GLOBEX))
                    .expectNoEvents()
                    .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
            assertThat(mailed).isEmpty();
        }
    }

    @Nested
    @DisplayName("consents from a converted lead")
    class AddingConsents {

        private static final Instant LATER = AT.plusSeconds(3600);
        private final Consent fromForm =
                new Consent(ConsentPurpose.EMAIL_MARKETING, true, LATER, "lead form contact: You may write to me.");

        @Test
        @DisplayName("a consent the contact has no answer for is added, and its other answers stay")
        void addsMissing() {
            Consent sms = new Consent(ConsentPurpose.SMS_MARKETING, true, AT, "shop counter");
            fixture.given(created(ANN, d -> d.consents = List.of(sms)))
                    .when(new AddContactConsentsCommand(ANN, List.of(fromForm)), from(ACME))
                    .expectEvents(annUpdated(d -> d.consents = List.of(fromForm, sms)));
        }

        @Test
        @DisplayName("a grant the contact already has is kept as it was given")
        void keepsGrant() {
            Consent earlier = new Consent(ConsentPurpose.EMAIL_MARKETING, true, AT, "newsletter signup");
            fixture.given(created(ANN, d -> d.consents = List.of(earlier)))
                    .when(new AddContactConsentsCommand(ANN, List.of(fromForm)), from(ACME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a refusal given after the form's consent stands; an older refusal gives way to the newer grant")
        void refusals() {
            Consent laterRefusal = new Consent(ConsentPurpose.EMAIL_MARKETING, false, LATER.plusSeconds(1), "asked");
            fixture.given(created(ANN, d -> d.consents = List.of(laterRefusal)))
                    .when(new AddContactConsentsCommand(ANN, List.of(fromForm)), from(ACME))
                    .expectNoEvents();

            Consent olderRefusal = new Consent(ConsentPurpose.EMAIL_MARKETING, false, AT, "asked");
            fixture.given(created(ANN, d -> d.consents = List.of(olderRefusal)))
                    .when(new AddContactConsentsCommand(ANN, List.of(fromForm)), from(ACME))
                    .expectEvents(annUpdated(d -> d.consents = List.of(fromForm)));
        }

        @Test
        @DisplayName("a refusal offered never removes a grant")
        void neverRemoves() {
            Consent grant = new Consent(ConsentPurpose.EMAIL_MARKETING, true, AT, "newsletter signup");
            Consent refusal = new Consent(ConsentPurpose.EMAIL_MARKETING, false, LATER, "lead form contact");
            fixture.given(created(ANN, d -> d.consents = List.of(grant)))
                    .when(new AddContactConsentsCommand(ANN, List.of(refusal)), from(ACME))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a merged contact is refused as invalid_state")
        void merged() {
            assertRefused(
                    fixture.given(ann(), new ContactMergedIntoEvent(ANN, DUPLICATE)),
                    new AddContactConsentsCommand(ANN, List.of(fromForm)),
                    ACME,
                    ErrorCode.INVALID_STATE);
        }

        @Test
        @DisplayName("another tenant's contact is not found")
        void otherTenant() {
            fixture.given(ann())
                    .when(new AddContactConsentsCommand(ANN, List.of(fromForm)), from(CommandFixtures.GLOBEX))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    @DisplayName("unique keys")
    class UniqueKeysOfAContact {

        @Test
        @DisplayName("a duplicate phone is refused and claims nothing")
        void duplicatePhone() {
            keys.claimed(ACME, UniqueKeys.Scope.CONTACT_PHONE, "+34612345678", UUID.randomUUID());
            assertRefused(
                    fixture.givenNoPriorActivity(),
                    create(d -> d.emails = List.of("free@example.com")),
                    ACME,
                    ErrorCode.DUPLICATE_CONTACT);
            assertThat(keys.ownerOf(ACME, UniqueKeys.Scope.CONTACT_EMAIL, "free@example.com"))
                    .isEmpty();
        }

        @Test
        @DisplayName("a unique field's value is claimed case-insensitively")
        void uniqueField() {
            keys.claimed(ACME, UniqueKeys.Scope.CONTACT_FIELD_VALUE, VAT + ":es123", UUID.randomUUID());
            assertRefused(
                    fixture.givenNoPriorActivity(),
                    create(d -> d.customFields = Map.of("vat_id", "ES123")),
                    ACME,
                    ErrorCode.DUPLICATE_CONTACT);
        }

        @Test
        @DisplayName("changing an e-mail releases the old one and claims the new one")
        void changedEmail() {
            keys.claimed(ACME, UniqueKeys.Scope.CONTACT_EMAIL, "ann@example.com", ANN.value());
            fixture.given(ann())
                    .when(update(null, d -> d.emails = List.of("ann@new.example")), from(ACME))
                    .expectEvents(annUpdated(d -> d.emails = List.of("ann@new.example")));
            assertThat(keys.ownerOf(ACME, UniqueKeys.Scope.CONTACT_EMAIL, "ann@example.com"))
                    .isEmpty();
            assertThat(keys.ownerOf(ACME, UniqueKeys.Scope.CONTACT_EMAIL, "ann@new.example"))
                    .contains(ANN.value());
        }

        @Test
        @DisplayName("deleting a contact releases its e-mail and phone")
        void deleteReleases() {
            keys.claimed(ACME, UniqueKeys.Scope.CONTACT_EMAIL, "ann@example.com", ANN.value());
            keys.claimed(ACME, UniqueKeys.Scope.CONTACT_PHONE, "+34612345678", ANN.value());
            fixture.given(ann())
                    .when(new DeleteContactCommand(ANN, null), from(ACME))
                    .expectEvents(new ContactDeletedEvent(ANN))
                    .expectMarkedDeleted();
            assertThat(keys.ownerOf(ACME, UniqueKeys.Scope.CONTACT_EMAIL, "ann@example.com"))
                    .isEmpty();
            assertThat(keys.ownerOf(ACME, UniqueKeys.Scope.CONTACT_PHONE, "+34612345678"))
                    .isEmpty();
        }
    }

    @Test
    @DisplayName("a stage since removed from the tenant's list is kept by an update that does not change it")
    void removedStageIsKept() {
        stages.remove("evangelist");
        fixture.given(created(ANN, d -> d.stage = "evangelist"))
                .when(update(null, d -> d.company = "Acme"), from(ACME))
                .expectEvents(annUpdated(d -> {
                    d.stage = "evangelist";
                    d.company = "Acme";
                }));
    }

    @Test
    @DisplayName("a required field without a value is refused on every write")
    void requiredField() {
        CustomFieldId industry = CustomFieldId.random();
        definitions.add(new CustomFieldDefinitions.Definition(
                industry, "industry", CustomFieldType.TEXT, List.of(), true, false));
        assertRefused(fixture.given(ann()), update(null, d -> d.company = "Acme"), ACME, ErrorCode.VALIDATION_FAILED);
        fixture.given(ann())
                .when(update(null, d -> d.customFields = Map.of("industry", " retail ")), from(ACME))
                .expectEvents(annUpdated(d -> d.customFields = Map.of(industry.toString(), "retail")));
    }

    @Test
    @DisplayName("values of a removed field are dropped by the next write, never failing it")
    void removedFieldValues() {
        fixture.given(created(
                        ANN, d -> d.customFields = Map.of(CustomFieldId.random().toString(), "gone")))
                .when(update(null, d -> d.company = "Acme"), from(ACME))
                .expectEvents(annUpdated(d -> d.company = "Acme"));
    }

    @Test
    @DisplayName("a note records its text and its author")
    void note() {
        UUID note = UUID.randomUUID();
        UserId author = UserId.random();
        fixture.given(ann())
                .when(
                        new AddContactNoteCommand(ANN, note, " called "),
                        Map.of(
                                dev.tenantcore.api.common.MetadataKeys.TENANT_ID,
                                ACME.toString(),
                                dev.tenantcore.api.common.MetadataKeys.USER_ID,
                                author.toString()))
                .expectEvents(new ContactNoteAddedEvent(ANN, note, "called", author))
                .expectResultMessagePayload(1L);
    }

    @Test
    @DisplayName("a merge records the merge and the survivor's joined details")
    void merge() {
        fixture.given(ann())
                .when(new MergeContactCommand(ANN, null, DUPLICATE), from(ACME))
                .expectEvents(new ContactMergedEvent(ANN, DUPLICATE), annUpdated(d -> {
                    d.emails = List.of("ann@example.com", "ann@home.example");
                    d.company = "Acme";
                    d.tags = List.of("newsletter");
                }))
                .expectResultMessagePayload(2L);
        assertThat(keys.ownerOf(ACME, UniqueKeys.Scope.CONTACT_EMAIL, "ann@home.example"))
                .contains(ANN.value());
    }

    @Test
    @DisplayName("two contacts linked to different customer accounts are not merged")
    void mergeRefusesTwoAccounts() {
        duplicate = Contact.Details.of(created(DUPLICATE, d -> d.customerAccountId = UserId.random()));
        assertRefused(
                fixture.given(created(ANN, d -> d.customerAccountId = CUSTOMER)),
                new MergeContactCommand(ANN, null, DUPLICATE),
                ACME,
                ErrorCode.INVALID_STATE);
    }

    @Test
    @DisplayName("a merged contact may still be deleted")
    void deleteMerged() {
        fixture.given(ann(), new ContactMergedIntoEvent(ANN, DUPLICATE))
                .when(new DeleteContactCommand(ANN, null), from(ACME))
                .expectEvents(new ContactDeletedEvent(ANN));
    }

    @Test
    @DisplayName("a stale If-Match is refused before anything is recorded")
    void staleVersion() {
        assertRefused(
                fixture.given(ann()),
                update(3L, d -> d.company = "Acme"),
                ACME,
                ConflictingAggregateVersionException.class);
    }

    @Nested
    @DisplayName("tasks")
    class Tasks {

        private final UUID task = UUID.randomUUID();
        private final Instant due = Instant.parse("2026-12-10T09:00:00Z");

        private Map<String, Object> by(UserId user) {
            return Map.of(
                    dev.tenantcore.api.common.MetadataKeys.TENANT_ID,
                    ACME.toString(),
                    dev.tenantcore.api.common.MetadataKeys.USER_ID,
                    user.toString());
        }

        private ContactTaskAddedEvent added() {
            return new ContactTaskAddedEvent(ANN, task, "Call back", due, STAFF, STAFF);
        }

        @Test
        @DisplayName("a task records its title, due time, assignee and author; the version is the task's")
        void adds() {
            fixture.given(ann())
                    .when(new AddContactTaskCommand(ANN, task, "  Call back ", due, STAFF), by(STAFF))
                    .expectEvents(added())
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("the same task id again records nothing and answers the task's version (a redelivered step)")
        void addsOnce() {
            fixture.given(ann(), added(), new ContactTaggedEvent(ANN, "vip"))
                    .when(new AddContactTaskCommand(ANN, task, "Something else", null, null), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("a task of a process has no author, due time or assignee")
        void addsBare() {
            fixture.given(ann())
                    .when(new AddContactTaskCommand(ANN, task, "Follow up", null, null), from(ACME))
                    .expectEvents(new ContactTaskAddedEvent(ANN, task, "Follow up", null, null, null));
        }

        @Test
        @DisplayName("a blank or multi-line title, an assignee who is not staff, or no task id is refused")
        void refusesInvalid() {
            assertRefused(
                    fixture.given(ann()),
                    new AddContactTaskCommand(ANN, task, " ", null, null),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
            assertRefused(
                    fixture.given(ann()),
                    new AddContactTaskCommand(ANN, task, "Call\nback", null, null),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
            assertRefused(
                    fixture.given(ann()),
                    new AddContactTaskCommand(ANN, task, "Call", null, UserId.random()),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
            assertRefused(
                    fixture.given(ann()),
                    new AddContactTaskCommand(ANN, null, "Call", null, null),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("a merged contact takes no task, and another tenant's contact is not found")
        void mergedOrOtherTenant() {
            assertRefused(
                    fixture.given(ann(), new ContactMergedIntoEvent(ANN, DUPLICATE)),
                    new AddContactTaskCommand(ANN, task, "Call", null, null),
                    ACME,
                    ErrorCode.INVALID_STATE);
            fixture.given(ann())
                    .when(new AddContactTaskCommand(ANN, task, "Call", null, null), from(CommandFixtures.GLOBEX))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        @DisplayName("an update records the task as it now stands, at the task's version even after other changes")
        void updates() {
            fixture.given(ann(), added(), new ContactTaggedEvent(ANN, "vip"))
                    .when(new UpdateContactTaskCommand(ANN, 1L, task, "Call again", null, true, null, true), from(ACME))
                    .expectEvents(new ContactTaskUpdatedEvent(ANN, task, "Call again", null, null))
                    .expectResultMessagePayload(3L);
        }

        @Test
        @DisplayName("an update that changes nothing records nothing")
        void updateWithoutChange() {
            fixture.given(ann(), added())
                    .when(
                            new UpdateContactTaskCommand(ANN, null, task, "Call back", due, false, STAFF, false),
                            from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        @DisplayName("a stale task version is refused with version_conflict; an unknown task is not found")
        void staleOrUnknown() {
            assertRefused(
                    fixture.given(ann(), added(), new ContactTaskCompletedEvent(ANN, task, STAFF)),
                    new UpdateContactTaskCommand(ANN, 1L, task, "Late", null, false, null, false),
                    ACME,
                    ErrorCode.VERSION_CONFLICT);
            assertRefused(
                    fixture.given(ann()),
                    new CompleteContactTaskCommand(ANN, null, UUID.randomUUID()),
                    ACME,
                    ErrorCode.NOT_FOUND);
            assertRefused(
                    fixture.given(ann(), added()),
                    new UpdateContactTaskCommand(ANN, null, task, null, null, false, UserId.random(), false),
                    ACME,
                    ErrorCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("completing records who did it; completing again records nothing")
        void completes() {
            fixture.given(ann(), added())
                    .when(new CompleteContactTaskCommand(ANN, 1L, task), by(STAFF))
                    .expectEvents(new ContactTaskCompletedEvent(ANN, task, STAFF))
                    .expectResultMessagePayload(2L);
            fixture.given(ann(), added(), new ContactTaskCompletedEvent(ANN, task, STAFF))
                    .when(new CompleteContactTaskCommand(ANN, null, task), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        @DisplayName("reopening a done task records it; reopening an open one records nothing")
        void reopens() {
            fixture.given(ann(), added(), new ContactTaskCompletedEvent(ANN, task, STAFF))
                    .when(new ReopenContactTaskCommand(ANN, 2L, task), by(STAFF))
                    .expectEvents(new ContactTaskReopenedEvent(ANN, task, STAFF))
                    .expectResultMessagePayload(3L);
            fixture.given(ann(), added())
                    .when(new ReopenContactTaskCommand(ANN, null, task), from(ACME))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }
    }
}
