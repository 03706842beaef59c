package dev.tenantcore.command.crm;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.PostalAddress;
import dev.tenantcore.api.common.TenantId;
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
import dev.tenantcore.api.crm.ContactDetails;
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
import dev.tenantcore.api.crm.DeleteContactCommand;
import dev.tenantcore.api.crm.MailContactCommand;
import dev.tenantcore.api.crm.MergeContactCommand;
import dev.tenantcore.api.crm.ReopenContactTaskCommand;
import dev.tenantcore.api.crm.RestoreContactCommand;
import dev.tenantcore.api.crm.TagContactCommand;
import dev.tenantcore.api.crm.UntagContactCommand;
import dev.tenantcore.api.crm.UpdateContactCommand;
import dev.tenantcore.api.crm.UpdateContactTaskCommand;
import dev.tenantcore.command.common.Customers;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.TenantOwned;
import dev.tenantcore.command.common.UniqueKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person or company a tenant deals with.
 *
 * <p>Invariants: within a tenant, an e-mail address, a phone (E.164), a channel handle, a customer
 * account and a value of a unique custom field each belong to one contact at most, claimed in
 * {@link UniqueKeys} in the command transaction, so concurrent creates with one address yield one
 * contact. Custom field values fit their definitions and every required field has one; the stage
 * is one of the tenant's stages and the owner an active staff member when either is given anew
 * (a contact keeps a stage or owner that was valid when set). A merged contact only points at its
 * survivor and refuses every change but deletion. An update that changes nothing records nothing.
 *
 * <p>Tasks: a contact holds at most {@value #MAX_TASKS} tasks, each known by its id, so adding a
 * task with an id it has changes nothing (an automation's step adds its task once, whatever the
 * redelivery). A task has its own version (the contact's version when it last changed), which its
 * If-Match names, so a change to the contact or another task never makes it stale. A task's assignee is an active staff member when given anew; completing a done task
 * or reopening an open one changes nothing.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
public class Contact extends TenantOwned {

    enum Status {
        ACTIVE,
        ARCHIVED,
        MERGED
    }

    @AggregateIdentifier
    private ContactId id;

    private Details details;
    private Status status;
    private ContactId mergedInto;
    /** Tasks by id (as text: snapshots keep map keys as strings). */
    private Map<String, Task> tasks = new HashMap<>();

    static final int MAX_TASKS = 500;
    static final int TASK_TITLE_LENGTH = 500;

    /** What a task's commands decide from. */
    /** {@code version}: the contact's version when the task last changed, which If-Match names. */
    record Task(String title, Instant dueAt, UserId assigneeId, boolean done, long version) {}

    /** Everything an update may change; {@code customFields} keyed by definition id. */
    record Details(
            String name,
            String company,
            List<String> emails,
            List<String> phones,
            PostalAddress address,
            String locale,
            String stage,
            UserId ownerId,
            String source,
            List<Consent> consents,
            List<String> tags,
            Map<String, Object> customFields,
            UserId customerAccountId,
            List<ChannelHandle> channelHandles) {

        static Details of(ContactDetails given) {
            return new Details(
                    given.name(),
                    given.company(),
                    given.emails(),
                    given.phones(),
                    given.address(),
                    given.locale(),
                    given.stage(),
                    given.ownerId(),
                    given.source(),
                    given.consents(),
                    given.tags(),
                    given.customFields(),
                    given.customerAccountId(),
                    given.channelHandles());
        }

        Details withConsents(List<Consent> changed) {
            return new Details(
                    name,
                    company,
                    emails,
                    phones,
                    address,
                    locale,
                    stage,
                    ownerId,
                    source,
                    changed,
                    tags,
                    customFields,
                    customerAccountId,
                    channelHandles);
        }

        Details withTags(List<String> changed) {
            return new Details(
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
                    changed,
                    customFields,
                    customerAccountId,
                    channelHandles);
        }

        /**
         * These details with a merged duplicate's: what this contact lacks is taken from the
         * duplicate, lists are joined, and of two answers to one consent the more recent wins.
         */
        Details absorbing(Details other) {
            if (customerAccountId != null
                    && other.customerAccountId() != null
                    && !customerAccountId.equals(other.customerAccountId())) {
                throw new DomainException(
                        ErrorCode.INVALID_STATE, "Both contacts are linked to customer accounts; unlink one first.");
            }
            Map<Object, Consent> consentsByPurpose = new LinkedHashMap<>();
            for (Consent c : concat(other.consents(), consents)) {
                consentsByPurpose.merge(
                        c.purpose(), c, (a, b) -> b.at() != null && a.at() != null && b.at().isBefore(a.at()) ? a : b);
            }
            Map<String, Object> fields = new LinkedHashMap<>(other.customFields());
            fields.putAll(customFields);
            return new Details(
                    name,
                    or(company, other.company()),
                    union(emails, other.emails()),
                    union(phones, other.phones()),
                    or(address, other.address()),
                    or(locale, other.locale()),
                    stage,
                    or(ownerId, other.ownerId()),
                    or(source, other.source()),
                    List.copyOf(consentsByPurpose.values()),
                    union(tags, other.tags()),
                    Map.copyOf(fields),
                    or(customerAccountId, other.customerAccountId()),
                    union(channelHandles, other.channelHandles()));
        }
    }

    /** One thing a contact holds alone within its tenant. */
    private record Claim(UniqueKeys.Scope scope, String key) {}

    protected Contact() {}

    @CommandHandler
    public Contact(
            CreateContactCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            UniqueKeys keys,
            CustomFieldDefinitions fields,
            StageLists stages,
            StaffMembers staff,
            Customers customers) {
        List<CustomFieldDefinitions.Definition> definitions = fields.all();
        Map<String, Object> values = fieldValues(Map.of(), command.customFields(), definitions);
        Details d = validated(
                Details.of(command), values, null, definitions, stages.current(), staff, customers, command.stage());
        claim(keys, command.contactId(), Set.of(), claims(d, definitions));
        apply(new ContactCreatedEvent(
                command.contactId(),
                TenantId.of(tenant),
                d.name(),
                d.company(),
                d.emails(),
                d.phones(),
                d.address(),
                d.locale(),
                d.stage(),
                d.ownerId(),
                d.source(),
                d.consents(),
                d.tags(),
                d.customFields(),
                d.customerAccountId(),
                d.channelHandles()));
    }

    @CommandHandler
    public long handle(
            UpdateContactCommand command,
            UniqueKeys keys,
            CustomFieldDefinitions fields,
            StageLists stages,
            StaffMembers staff,
            Customers customers) {
        requireNotMerged();
        List<CustomFieldDefinitions.Definition> definitions = fields.all();
        Map<String, Object> values = fieldValues(details.customFields(), command.customFields(), definitions);
        Details given = new Details(
                or(command.name(), details.name()),
                or(command.company(), details.company()),
                or(command.emails(), details.emails()),
                or(command.phones(), details.phones()),
                or(command.address(), details.address()),
                or(command.locale(), details.locale()),
                or(command.stage(), details.stage()),
                command.clearOwner() ? null : or(command.ownerId(), details.ownerId()),
                or(command.source(), details.source()),
                or(command.consents(), details.consents()),
                or(command.tags(), details.tags()),
                values,
                or(command.customerAccountId(), details.customerAccountId()),
                or(command.channelHandles(), details.channelHandles()));
        Details changed =
                validated(given, values, details, definitions, stages.current(), staff, customers, given.stage());
        if (changed.equals(details)) {
            return getVersion();
        }
        claim(keys, claims(details, definitions), claims(changed, definitions));
        apply(updated(id, changed));
        return getVersion();
    }

    /**
     * Adds only what the contact lacks: a grant for a purpose it has no answer for, or whose answer
     * is a refusal older than the grant. A grant it has is never replaced, a later refusal never
     * overridden, and nothing is removed. Recorded as the contact's new state, like any update.
     */
    @CommandHandler
    public long handle(AddContactConsentsCommand command) {
        requireNotMerged();
        Map<ConsentPurpose, Consent> merged = new EnumMap<>(ConsentPurpose.class);
        details.consents().forEach(c -> merged.put(c.purpose(), c));
        boolean added = false;
        for (Consent offered : ContactValues.consents(command.consents(), GenericEventMessage.clock.instant())) {
            Consent current = merged.get(offered.purpose());
            boolean lacking = current == null
                    || (!current.granted()
                            && current.at() != null
                            && current.at().isBefore(offered.at()));
            if (offered.granted() && lacking) {
                merged.put(offered.purpose(), offered);
                added = true;
            }
        }
        if (added) {
            apply(updated(id, details.withConsents(List.copyOf(merged.values()))));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(TagContactCommand command) {
        requireNotMerged();
        String tag = ContactValues.tag(command.tag());
        if (!details.tags().contains(tag)) {
            if (details.tags().size() >= ContactValues.MAX_TAGS) {
                throw Rules.invalid("tags may hold at most " + ContactValues.MAX_TAGS + " entries");
            }
            apply(new ContactTaggedEvent(id, tag));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(UntagContactCommand command) {
        requireNotMerged();
        String tag = ContactValues.tag(command.tag());
        if (details.tags().contains(tag)) {
            apply(new ContactUntaggedEvent(id, tag));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(AddContactNoteCommand command, @MetaDataValue(MetadataKeys.USER_ID) String author) {
        requireNotMerged();
        if (command.noteId() == null) {
            throw Rules.invalid("noteId is required");
        }
        String text = Rules.text("text", command.text(), 5000);
        apply(new ContactNoteAddedEvent(id, command.noteId(), text, author == null ? null : UserId.of(author)));
        return getVersion();
    }

    @CommandHandler
    public long handle(
            AddContactTaskCommand command, @MetaDataValue(MetadataKeys.USER_ID) String author, StaffMembers staff) {
        requireNotMerged();
        if (command.taskId() == null) {
            throw Rules.invalid("taskId is required");
        }
        Task known = tasks.get(command.taskId().toString());
        if (known != null) {
            return known.version();
        }
        if (tasks.size() >= MAX_TASKS) {
            throw Rules.invalid("a contact holds at most " + MAX_TASKS + " tasks");
        }
        String title = taskTitle(command.title());
        if (command.assigneeId() != null && !staff.isActiveStaff(command.assigneeId())) {
            throw Rules.invalid("assigneeId must name an active staff member of this tenant");
        }
        apply(new ContactTaskAddedEvent(
                id,
                command.taskId(),
                title,
                command.dueAt(),
                command.assigneeId(),
                author == null ? null : UserId.of(author)));
        return getVersion();
    }

    @CommandHandler
    public long handle(UpdateContactTaskCommand command, StaffMembers staff) {
        requireNotMerged();
        Task task = task(command.taskId(), command.expectedVersion());
        String title = command.title() == null ? task.title() : taskTitle(command.title());
        Instant due = command.clearDue() ? null : or(command.dueAt(), task.dueAt());
        UserId assignee = command.clearAssignee() ? null : or(command.assigneeId(), task.assigneeId());
        if (assignee != null && !assignee.equals(task.assigneeId()) && !staff.isActiveStaff(assignee)) {
            throw Rules.invalid("assigneeId must name an active staff member of this tenant");
        }
        if (title.equals(task.title())
                && Objects.equals(due, task.dueAt())
                && Objects.equals(assignee, task.assigneeId())) {
            return task.version();
        }
        apply(new ContactTaskUpdatedEvent(id, command.taskId(), title, due, assignee));
        return getVersion();
    }

    @CommandHandler
    public long handle(CompleteContactTaskCommand command, @MetaDataValue(MetadataKeys.USER_ID) String user) {
        requireNotMerged();
        Task task = task(command.taskId(), command.expectedVersion());
        if (task.done()) {
            return task.version();
        }
        apply(new ContactTaskCompletedEvent(id, command.taskId(), user == null ? null : UserId.of(user)));
        return getVersion();
    }

    @CommandHandler
    public long handle(ReopenContactTaskCommand command, @MetaDataValue(MetadataKeys.USER_ID) String user) {
        requireNotMerged();
        Task task = task(command.taskId(), command.expectedVersion());
        if (!task.done()) {
            return task.version();
        }
        apply(new ContactTaskReopenedEvent(id, command.taskId(), user == null ? null : UserId.of(user)));
        return getVersion();
    }

    /** The task, at {@code expected} when given (If-Match names the task's version, not the contact's). */
    private Task task(UUID taskId, Long expected) {
        Task task = taskId == null ? null : tasks.get(taskId.toString());
        if (task == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "The contact has no such task.");
        }
        if (expected != null && expected != task.version()) {
            throw new DomainException(ErrorCode.VERSION_CONFLICT, "The task changed since version " + expected + ".");
        }
        return task;
    }

    private static String taskTitle(String title) {
        String stripped = Rules.text("title", title, TASK_TITLE_LENGTH);
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw Rules.invalid("title must be one line without control characters");
        }
        return stripped;
    }

    /**
     * Queues a mail to the contact's first address; the contact's history does not change (the mail
     * is in the delivery log under its key). A contact without an address, or merged, is refused.
     */
    @CommandHandler
    public long handle(MailContactCommand command, ContactMail mail) {
        requireNotMerged();
        if (command.deliveryKey() == null) {
            throw Rules.invalid("deliveryKey is required");
        }
        if (details.emails() == null || details.emails().isEmpty()) {
            throw Rules.invalid("the contact has no email address");
        }
        Map<String, Object> model = new java.util.HashMap<>();
        if (command.model() != null) {
            // A template reads a missing value as empty; the outbox keeps no nulls.
            command.model().forEach((key, value) -> {
                if (key != null && value != null) {
                    model.put(key, value);
                }
            });
        }
        model.put("name", details.name() == null ? "" : details.name());
        model.put("email", details.emails().get(0));
        mail.queue(
                "automation:" + command.deliveryKey(),
                command.template(),
                details.emails().get(0),
                details.locale(),
                model);
        return getVersion();
    }

    @CommandHandler
    public long handle(ArchiveContactCommand command) {
        requireNotMerged();
        if (status == Status.ACTIVE) {
            apply(new ContactArchivedEvent(id));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(RestoreContactCommand command) {
        requireNotMerged();
        if (status == Status.ARCHIVED) {
            apply(new ContactRestoredEvent(id));
        }
        return getVersion();
    }

    /** A merged contact may be deleted: its keys went to the survivor, so there is nothing to release. */
    @CommandHandler
    public void handle(DeleteContactCommand command, UniqueKeys keys, CustomFieldDefinitions fields) {
        if (status != Status.MERGED) {
            claim(keys, claims(details, fields.all()), Set.of());
        }
        apply(new ContactDeletedEvent(id));
    }

    /** This contact survives; the duplicate is loaded in the same unit of work and marked merged. */
    @CommandHandler
    public long handle(
            MergeContactCommand command, ContactMerges merges, UniqueKeys keys, CustomFieldDefinitions fields) {
        requireNotMerged();
        if (command.duplicateId() == null || command.duplicateId().equals(id)) {
            throw Rules.invalid("duplicateId must name another contact");
        }
        Details duplicate = merges.absorb(command.duplicateId(), id, tenantId);
        Details merged = details.absorbing(duplicate);
        List<CustomFieldDefinitions.Definition> definitions = fields.all();
        claim(keys, claims(details, definitions), claims(merged, definitions));
        apply(new ContactMergedEvent(id, command.duplicateId()));
        if (!merged.equals(details)) {
            apply(updated(id, merged));
        }
        return getVersion();
    }

    /**
     * The duplicate's side of a merge, called by {@link ContactMerges} within the survivor's unit of
     * work; what identified this contact is released for the survivor to claim.
     */
    Details mergeInto(
            ContactId survivor, TenantId caller, UniqueKeys keys, List<CustomFieldDefinitions.Definition> definitions) {
        if (!caller.equals(tenantId)) {
            throw new AggregateNotFoundException(aggregateId(), "The resource does not exist.");
        }
        requireNotMerged();
        claim(keys, claims(details, definitions), Set.of());
        apply(new ContactMergedIntoEvent(id, survivor));
        return details;
    }

    @EventSourcingHandler
    void on(ContactCreatedEvent event) {
        id = event.contactId();
        tenantId = event.tenantId();
        details = Details.of(event);
        status = Status.ACTIVE;
    }

    @EventSourcingHandler
    void on(ContactUpdatedEvent event) {
        details = Details.of(event);
    }

    @EventSourcingHandler
    void on(ContactTaggedEvent event) {
        details = details.withTags(concat(details.tags(), List.of(event.tag())));
    }

    @EventSourcingHandler
    void on(ContactUntaggedEvent event) {
        details = details.withTags(
                details.tags().stream().filter(tag -> !tag.equals(event.tag())).toList());
    }

    @EventSourcingHandler
    void on(ContactTaskAddedEvent event, @SequenceNumber long sequence) {
        tasks.put(
                event.taskId().toString(), new Task(event.title(), event.dueAt(), event.assigneeId(), false, sequence));
    }

    @EventSourcingHandler
    void on(ContactTaskUpdatedEvent event, @SequenceNumber long sequence) {
        Task task = tasks.get(event.taskId().toString());
        tasks.put(
                event.taskId().toString(),
                new Task(event.title(), event.dueAt(), event.assigneeId(), task != null && task.done(), sequence));
    }

    @EventSourcingHandler
    void on(ContactTaskCompletedEvent event, @SequenceNumber long sequence) {
        tasks.computeIfPresent(
                event.taskId().toString(), (k, t) -> new Task(t.title(), t.dueAt(), t.assigneeId(), true, sequence));
    }

    @EventSourcingHandler
    void on(ContactTaskReopenedEvent event, @SequenceNumber long sequence) {
        tasks.computeIfPresent(
                event.taskId().toString(), (k, t) -> new Task(t.title(), t.dueAt(), t.assigneeId(), false, sequence));
    }

    @EventSourcingHandler
    void on(ContactArchivedEvent event) {
        status = Status.ARCHIVED;
    }

    @EventSourcingHandler
    void on(ContactRestoredEvent event) {
        status = Status.ACTIVE;
    }

    @EventSourcingHandler
    void on(ContactMergedIntoEvent event) {
        status = Status.MERGED;
        mergedInto = event.survivorId();
    }

    @EventSourcingHandler
    void on(ContactDeletedEvent event) {
        markDeleted();
    }

    @Override
    protected String aggregateId() {
        return String.valueOf(id);
    }

    private void requireNotMerged() {
        if (status == Status.MERGED) {
            throw new DomainException(ErrorCode.INVALID_STATE, "The contact was merged into " + mergedInto + ".");
        }
    }

    private static ContactUpdatedEvent updated(ContactId id, Details d) {
        return new ContactUpdatedEvent(
                id,
                d.name(),
                d.company(),
                d.emails(),
                d.phones(),
                d.address(),
                d.locale(),
                d.stage(),
                d.ownerId(),
                d.source(),
                d.consents(),
                d.tags(),
                d.customFields(),
                d.customerAccountId(),
                d.channelHandles());
    }

    /**
     * Validates {@code given} against the tenant's rules; {@code current} (null on creation) names
     * what was valid when set and is not judged again: a stage since removed, an owner since gone.
     */
    private static Details validated(
            Details given,
            Map<String, Object> fieldValues,
            Details current,
            List<CustomFieldDefinitions.Definition> definitions,
            List<String> stages,
            StaffMembers staff,
            Customers customers,
            String stage) {
        String chosenStage = stage == null ? stages.get(0) : stage;
        if ((current == null || !chosenStage.equals(current.stage())) && !stages.contains(chosenStage)) {
            throw Rules.invalid("stage must be one of " + stages);
        }
        UserId owner = given.ownerId();
        if (owner != null && (current == null || !owner.equals(current.ownerId())) && !staff.isActiveStaff(owner)) {
            throw Rules.invalid("ownerId must name an active staff member of this tenant");
        }
        UserId account = given.customerAccountId();
        if (account != null
                && (current == null || !account.equals(current.customerAccountId()))
                && !customers.isCustomer(account)) {
            throw Rules.invalid("customerAccountId must name a customer account of this tenant");
        }
        for (CustomFieldDefinitions.Definition field : definitions) {
            if (field.required() && !fieldValues.containsKey(field.id().toString())) {
                throw Rules.invalid("customFields." + field.key() + " is required");
            }
        }
        PostalAddress address = ContactValues.address(given.address());
        return new Details(
                Rules.text("name", given.name(), 200),
                Rules.optionalText("company", given.company(), 200),
                ContactValues.emails(given.emails()),
                ContactValues.phones(given.phones(), address),
                address,
                ContactValues.locale(given.locale()),
                chosenStage,
                owner,
                Rules.optionalText("source", given.source(), 100),
                ContactValues.consents(given.consents(), GenericEventMessage.clock.instant()),
                ContactValues.tags(given.tags()),
                fieldValues,
                account,
                ContactValues.handles(given.channelHandles()));
    }

    /**
     * The stored values after a write: {@code current} (keyed by definition id, of fields that still
     * exist) with {@code given} (keyed by the fields' keys; a null value removes one) applied.
     */
    private static Map<String, Object> fieldValues(
            Map<String, Object> current,
            Map<String, Object> given,
            List<CustomFieldDefinitions.Definition> definitions) {
        Map<String, CustomFieldDefinitions.Definition> byKey = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (CustomFieldDefinitions.Definition field : definitions) {
            byKey.put(field.key(), field);
            ids.add(field.id().toString());
        }
        Map<String, Object> values = new HashMap<>();
        (current == null ? Map.<String, Object>of() : current).forEach((fieldId, value) -> {
            if (ids.contains(fieldId)) {
                values.put(fieldId, value);
            }
        });
        if (given != null) {
            if (given.size() > 100) {
                throw Rules.invalid("customFields may hold at most 100 entries");
            }
            given.forEach((key, value) -> {
                CustomFieldDefinitions.Definition field = byKey.get(key);
                if (field == null) {
                    throw Rules.invalid("customFields." + abbreviated(key) + " is not a custom field of this tenant");
                }
                if (value == null) {
                    values.remove(field.id().toString());
                } else {
                    values.put(field.id().toString(), ContactValues.fieldValue(field, value));
                }
            });
        }
        return Map.copyOf(values);
    }

    private static Set<Claim> claims(Details d, List<CustomFieldDefinitions.Definition> definitions) {
        Set<Claim> claims = new LinkedHashSet<>();
        d.emails().forEach(email -> claims.add(new Claim(UniqueKeys.Scope.CONTACT_EMAIL, email)));
        d.phones().forEach(phone -> claims.add(new Claim(UniqueKeys.Scope.CONTACT_PHONE, phone)));
        d.channelHandles()
                .forEach(handle -> claims.add(new Claim(UniqueKeys.Scope.CONTACT_HANDLE, ContactKeys.key(handle))));
        if (d.customerAccountId() != null) {
            claims.add(new Claim(
                    UniqueKeys.Scope.CONTACT_ACCOUNT, d.customerAccountId().toString()));
        }
        for (CustomFieldDefinitions.Definition field : definitions) {
            Object value = d.customFields().get(field.id().toString());
            if (field.unique() && value != null) {
                claims.add(new Claim(
                        UniqueKeys.Scope.CONTACT_FIELD_VALUE,
                        field.id() + ":" + ContactValues.uniqueForm(field.type(), value)));
            }
        }
        return claims;
    }

    /** Claims what {@code after} adds, then releases what it drops. */
    private void claim(UniqueKeys keys, Set<Claim> before, Set<Claim> after) {
        claim(keys, id, before, after);
    }

    private static void claim(UniqueKeys keys, ContactId contact, Set<Claim> before, Set<Claim> after) {
        for (Claim claim : after) {
            if (!before.contains(claim)) {
                keys.claim(claim.scope(), claim.key(), contact.value());
            }
        }
        for (Claim claim : before) {
            if (!after.contains(claim)) {
                keys.release(claim.scope(), claim.key(), contact.value());
            }
        }
    }

    private static <T> List<T> union(List<T> a, List<T> b) {
        LinkedHashSet<T> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static String abbreviated(String key) {
        return key != null && key.length() > 64 ? key.substring(0, 64) + "…" : Objects.toString(key);
    }
}
