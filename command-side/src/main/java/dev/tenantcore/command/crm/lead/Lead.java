package dev.tenantcore.command.crm.lead;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.Consent;
import dev.tenantcore.api.crm.ConsentPurpose;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.CreateContactCommand;
import dev.tenantcore.api.crm.lead.AddLeadNoteCommand;
import dev.tenantcore.api.crm.lead.AssignLeadCommand;
import dev.tenantcore.api.crm.lead.ConvertLeadCommand;
import dev.tenantcore.api.crm.lead.DeleteLeadCommand;
import dev.tenantcore.api.crm.lead.LeadConsent;
import dev.tenantcore.api.crm.lead.LeadContactedEvent;
import dev.tenantcore.api.crm.lead.LeadConvertedEvent;
import dev.tenantcore.api.crm.lead.LeadDeletedEvent;
import dev.tenantcore.api.crm.lead.LeadFieldType;
import dev.tenantcore.api.crm.lead.LeadId;
import dev.tenantcore.api.crm.lead.LeadNoteAddedEvent;
import dev.tenantcore.api.crm.lead.LeadOwnerAssignedEvent;
import dev.tenantcore.api.crm.lead.LeadQualifiedEvent;
import dev.tenantcore.api.crm.lead.LeadRejectedEvent;
import dev.tenantcore.api.crm.lead.LeadStatus;
import dev.tenantcore.api.crm.lead.LeadSubmittedEvent;
import dev.tenantcore.api.crm.lead.LeadUpdatedEvent;
import dev.tenantcore.api.crm.lead.MarkLeadContactedCommand;
import dev.tenantcore.api.crm.lead.QualifyLeadCommand;
import dev.tenantcore.api.crm.lead.RejectLeadCommand;
import dev.tenantcore.api.crm.lead.SubmitLeadCommand;
import dev.tenantcore.api.crm.lead.UpdateLeadCommand;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import dev.tenantcore.command.crm.ContactKeys;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Someone who asked a tenant to contact them, through one of its public forms.
 *
 * <p>Invariants: a lead is submitted against its form as the form is at that moment (every value
 * declared by the form, of its type, required ones present) with an email or a phone to answer
 * it, and with the consent the form asks for, recorded with its text and time. Its status moves
 * new → contacted → qualified → converted, and an open lead may be rejected; any other move is
 * refused with {@code invalid_state}, and asking for the status it already has changes nothing.
 * Converting links the tenant's contact with the lead's email or phone, or creates one with an id
 * derived from the lead, in the same transaction: converting again changes nothing. Its owner is an
 * active staff member of the tenant.
 */
@Aggregate
public class Lead extends TenantOwned {

    /** A contact keeps at most this much of how a consent was given. */
    private static final int MAX_CONSENT_HOW = 500;

    private static final Set<LeadStatus> OPEN = EnumSet.of(LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.QUALIFIED);

    @AggregateIdentifier
    private LeadId id;

    private String formKey;
    private LeadStatus status;
    private Details details;
    private UserId ownerId;
    private LeadConsent consent;

    /** What staff may correct, compared as a whole to decide whether anything changed. */
    private record Details(String name, String email, String phone, String message) {}

    protected Lead() {}

    @CommandHandler
    public Lead(SubmitLeadCommand command, @MetaDataValue(MetadataKeys.TENANT_ID) String tenant, LeadForms forms) {
        LeadFormDefinition form = forms.byKey(command.formKey())
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "The form does not exist."));
        Map<String, String> fields = LeadFormRules.values("fields", command.fields(), form.fields());
        Map<String, String> answers = LeadFormRules.values("questions", command.answers(), form.questions());
        String email = form.firstOf(LeadFieldType.EMAIL).map(fields::get).orElse(null);
        String phone = form.firstOf(LeadFieldType.PHONE).map(fields::get).orElse(null);
        if (email == null && phone == null) {
            throw Rules.invalid("an email or a phone is required, or the lead cannot be answered");
        }
        LeadConsent consent = null;
        if (form.consentText() != null) {
            if (!command.consent()) {
                throw Rules.invalid("consent is required: the form asks for it");
            }
            consent = new LeadConsent(form.consentText(), Objects.requireNonNull(command.receivedAt(), "receivedAt"));
        }
        apply(new LeadSubmittedEvent(
                command.leadId(),
                TenantId.of(tenant),
                form.id(),
                form.key(),
                fields.get("name"),
                email,
                phone,
                fields.get("message"),
                fields,
                answers,
                consent));
    }

    @CommandHandler
    public long handle(UpdateLeadCommand command) {
        Details changed = new Details(
                text("name", command.name(), details.name(), 200),
                command.email() == null
                        ? details.email()
                        : command.email().isBlank() ? null : ContactKeys.email(command.email()),
                command.phone() == null
                        ? details.phone()
                        : command.phone().isBlank() ? null : ContactKeys.phone(command.phone(), null),
                text("message", command.message(), details.message(), LeadFormRules.MAX_VALUE));
        if (changed.email() == null && changed.phone() == null) {
            throw Rules.invalid("a lead keeps an email or a phone, or it cannot be answered");
        }
        if (!changed.equals(details)) {
            apply(new LeadUpdatedEvent(id, changed.name(), changed.email(), changed.phone(), changed.message()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(AssignLeadCommand command, LeadOwners owners) {
        if (Objects.equals(command.ownerId(), ownerId)) {
            return getVersion();
        }
        if (command.ownerId() != null && !owners.mayOwn(command.ownerId())) {
            throw Rules.invalid("ownerId does not name an active staff member of this tenant");
        }
        apply(new LeadOwnerAssignedEvent(id, command.ownerId()));
        return getVersion();
    }

    @CommandHandler
    public long handle(AddLeadNoteCommand command, @MetaDataValue(MetadataKeys.USER_ID) String user) {
        String text = Rules.text("text", command.text(), LeadFormRules.MAX_VALUE);
        apply(new LeadNoteAddedEvent(id, text, user == null ? null : UserId.of(user)));
        return getVersion();
    }

    @CommandHandler
    public long handle(MarkLeadContactedCommand command) {
        if (move(LeadStatus.CONTACTED, EnumSet.of(LeadStatus.NEW))) {
            apply(new LeadContactedEvent(id));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(QualifyLeadCommand command) {
        if (move(LeadStatus.QUALIFIED, EnumSet.of(LeadStatus.CONTACTED))) {
            apply(new LeadQualifiedEvent(id));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(RejectLeadCommand command) {
        String reason = Rules.optionalText("reason", command.reason(), 1000);
        if (move(LeadStatus.REJECTED, OPEN)) {
            apply(new LeadRejectedEvent(id, reason == null || reason.isBlank() ? null : reason.strip()));
        }
        return getVersion();
    }

    /**
     * Links the contact that has the lead's email (else its phone), or creates one whose id derives
     * from the lead: if the creation were ever asked twice, the second would be refused rather than
     * make a second contact.
     */
    @CommandHandler
    public long handle(ConvertLeadCommand command, LeadContacts contacts) {
        if (!move(LeadStatus.CONVERTED, EnumSet.of(LeadStatus.QUALIFIED))) {
            return getVersion();
        }
        ContactId existing = contacts.find(details.email(), details.phone()).orElse(null);
        List<Consent> consents = consents();
        if (existing != null) {
            if (!consents.isEmpty()) {
                contacts.addConsents(existing, consents);
            }
            apply(new LeadConvertedEvent(id, existing, false));
            return getVersion();
        }
        ContactId created = contactFor(id);
        contacts.create(new CreateContactCommand(
                created,
                details.name() != null ? details.name() : details.email() != null ? details.email() : details.phone(),
                null,
                details.email() == null ? List.of() : List.of(details.email()),
                details.phone() == null ? List.of() : List.of(details.phone()),
                null,
                null,
                null,
                ownerId,
                "form:" + formKey,
                consents.isEmpty() ? null : consents,
                null,
                null,
                null,
                null));
        apply(new LeadConvertedEvent(id, created, true));
        return getVersion();
    }

    @CommandHandler
    public void handle(DeleteLeadCommand command) {
        apply(new LeadDeletedEvent(id));
    }

    @EventSourcingHandler
    void on(LeadSubmittedEvent event) {
        id = event.leadId();
        tenantId = event.tenantId();
        formKey = event.formKey();
        consent = event.consent();
        status = LeadStatus.NEW;
        details = new Details(event.name(), event.email(), event.phone(), event.message());
    }

    @EventSourcingHandler
    void on(LeadUpdatedEvent event) {
        details = new Details(event.name(), event.email(), event.phone(), event.message());
    }

    @EventSourcingHandler
    void on(LeadOwnerAssignedEvent event) {
        ownerId = event.ownerId();
    }

    @EventSourcingHandler
    void on(LeadContactedEvent event) {
        status = LeadStatus.CONTACTED;
    }

    @EventSourcingHandler
    void on(LeadQualifiedEvent event) {
        status = LeadStatus.QUALIFIED;
    }

    @EventSourcingHandler
    void on(LeadRejectedEvent event) {
        status = LeadStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(LeadConvertedEvent event) {
        status = LeadStatus.CONVERTED;
    }

    @EventSourcingHandler
    void on(LeadDeletedEvent event) {
        markDeleted();
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }

    /**
     * The consent the visitor gave on the form, as the contact records it: e-mail marketing when the
     * lead left an address (what a lead form's consent asks for: to be written to), given when the
     * submission arrived, and how: the form and the exact text the visitor agreed to. None when the
     * form asked for no consent.
     */
    private List<Consent> consents() {
        if (consent == null || details.email() == null) {
            return List.of();
        }
        String how = "lead form " + formKey + ": " + consent.text();
        if (how.length() > MAX_CONSENT_HOW) {
            how = how.substring(0, MAX_CONSENT_HOW - 1) + "…";
        }
        return List.of(new Consent(ConsentPurpose.EMAIL_MARKETING, true, consent.givenAt(), how));
    }
    /** The contact a lead becomes when no contact has its email or phone. */
    static ContactId contactFor(LeadId lead) {
        return new ContactId(UUID.nameUUIDFromBytes(("contact:lead:" + lead.value()).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether the lead moves to {@code to}: false when it is there already (nothing to record),
     * refused with {@code invalid_state} when it stands anywhere but {@code from}.
     */
    private boolean move(LeadStatus to, Set<LeadStatus> from) {
        if (status == to) {
            return false;
        }
        if (!from.contains(status)) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE,
                    "A lead that is " + status.wireName() + " cannot become " + to.wireName() + ".");
        }
        return true;
    }

    /** The corrected text: null keeps it, blank clears it. */
    private static String text(String field, String given, String current, int max) {
        if (given == null) {
            return current;
        }
        return given.isBlank() ? null : Rules.text(field, given, max);
    }
}
