package dev.tenantcore.query.crm.timeline;

import static dev.tenantcore.api.crm.timeline.TimelineEntryType.*;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tenantcore.api.audit.DataSubjectErasedEvent;
import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.UserId;
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
import dev.tenantcore.api.crm.conversation.ConversationStartedEvent;
import dev.tenantcore.api.crm.conversation.InboundMessageReceivedEvent;
import dev.tenantcore.api.crm.conversation.OutboundMessageRequestedEvent;
import dev.tenantcore.api.crm.lead.LeadContactedEvent;
import dev.tenantcore.api.crm.lead.LeadConvertedEvent;
import dev.tenantcore.api.crm.lead.LeadNoteAddedEvent;
import dev.tenantcore.api.crm.lead.LeadQualifiedEvent;
import dev.tenantcore.api.crm.lead.LeadRejectedEvent;
import dev.tenantcore.api.crm.lead.LeadStatus;
import dev.tenantcore.api.crm.lead.LeadSubmittedEvent;
import dev.tenantcore.api.crm.timeline.ContactTimelinePage;
import dev.tenantcore.api.crm.timeline.FindContactTimelineQuery;
import dev.tenantcore.api.crm.timeline.TimelineActor;
import dev.tenantcore.api.crm.timeline.TimelineEntry;
import dev.tenantcore.api.crm.timeline.TimelineEntryType;
import dev.tenantcore.api.invoicing.InvoiceDraftUpdatedEvent;
import dev.tenantcore.api.invoicing.InvoiceDraftedEvent;
import dev.tenantcore.api.invoicing.InvoiceIssuedEvent;
import dev.tenantcore.api.invoicing.InvoiceKind;
import dev.tenantcore.api.ordering.OrderCancelledEvent;
import dev.tenantcore.api.ordering.OrderDeliveredEvent;
import dev.tenantcore.api.ordering.OrderExpiredEvent;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderPaidEvent;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderRefundedEvent;
import dev.tenantcore.api.ordering.OrderShippedEvent;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.payments.PaymentFailedEvent;
import dev.tenantcore.api.payments.PaymentRefundedEvent;
import dev.tenantcore.api.payments.PaymentSucceededEvent;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.Sql;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Keeps each tenant's contact timeline: one row per thing that happened with a contact, from the
 * events of the CRM, ordering, payments and invoicing, and answers a contact's timeline a page at a
 * time.
 *
 * <p>A row is keyed by what its event knows (a contact, a customer account, a buyer's e-mail, a
 * lead, an order) and is matched to a contact only when the timeline is read: the contact's own id
 * and the ids of contacts merged into it, their e-mails and customer accounts, the leads converted
 * into them or submitted with their e-mails, and the orders of those accounts and e-mails. So the
 * order in which processors run does not matter: an order placed before the policy made its buyer
 * a contact is on that contact's timeline as soon as the contact is.
 *
 * <p>A source is one more handler that writes a row through {@link #entry}. Rows are keyed by the
 * event's identifier and written with {@code ON CONFLICT DO NOTHING}, and the two small state tables
 * are versioned by the aggregate's sequence, so a redelivered or replayed event changes nothing.
 */
@Component
@ProcessingGroup("timeline")
class ContactTimelineProjection {

    static final String ENTRIES = "contact_timeline";
    static final String CONTACTS = "contact_timeline_contacts";
    static final String SUBJECTS = "contact_timeline_subjects";

    private static final TypeReference<Map<String, Object>> FACTS = new TypeReference<>() {};
    /** A lead's message is shown as the start of it: the lead itself has the rest. */
    private static final int MESSAGE_PREVIEW = 280;

    private final ReadModel store;

    ContactTimelineProjection(ReadModel store) {
        this.store = store;
    }

    // Contacts

    @EventHandler
    void on(ContactCreatedEvent event, EventMessage<?> message) {
        if (!saveContact(event.contactId(), event, message)) {
            return;
        }
        entry(message, CONTACT_CREATED)
                .contact(event.contactId())
                .payload("name", event.name())
                .payload("stage", event.stage())
                .payload("source", event.source())
                .write();
    }

    /**
     * An update carries the contact's whole state: the timeline compares it with what it last saw,
     * and records a stage or an owner change as what it is, and any other change as an update.
     */
    @EventHandler
    void on(ContactUpdatedEvent event, EventMessage<?> message) {
        String details = details(event);
        // jsonb equality ignores key order and spacing: only a real change of details counts.
        Map<String, Object> before = store.findOne(
                "SELECT stage, owner_id, details = CAST(? AS jsonb) AS same FROM " + CONTACTS + " WHERE id = ?",
                (rs, row) -> {
                    Map<String, Object> seen = new LinkedHashMap<>();
                    seen.put("stage", rs.getString("stage"));
                    seen.put("owner", rs.getObject("owner_id", UUID.class));
                    seen.put("same", rs.getBoolean("same"));
                    return seen;
                },
                details,
                event.contactId().value());
        if (!saveContact(event.contactId(), event, message)) {
            return;
        }
        boolean moved = false;
        if (before != null && !Objects.equals(before.get("stage"), event.stage())) {
            entry(message, CONTACT_STAGE_CHANGED)
                    .contact(event.contactId())
                    .payload("from", before.get("stage"))
                    .payload("to", event.stage())
                    .write();
            moved = true;
        }
        UUID owner = event.ownerId() == null ? null : event.ownerId().value();
        if (before != null && !Objects.equals(before.get("owner"), owner)) {
            entry(message, CONTACT_OWNER_CHANGED)
                    .contact(event.contactId())
                    .payload("from", before.get("owner"))
                    .payload("to", owner)
                    .write();
            moved = true;
        }
        if (before == null || !moved || !Boolean.TRUE.equals(before.get("same"))) {
            entry(message, CONTACT_UPDATED)
                    .contact(event.contactId())
                    .payload("name", event.name())
                    .write();
        }
    }

    @EventHandler
    void on(ContactNoteAddedEvent event, EventMessage<?> message) {
        entry(message, CONTACT_NOTE_ADDED)
                .contact(event.contactId())
                .by(event.authorId())
                .payload("noteId", event.noteId())
                .payload("text", event.text())
                .write();
    }

    @EventHandler
    void on(ContactTaskAddedEvent event, EventMessage<?> message) {
        entry(message, CONTACT_TASK_ADDED)
                .contact(event.contactId())
                .by(event.createdBy())
                .payload("taskId", event.taskId())
                .payload("title", event.title())
                .payload("dueAt", event.dueAt() == null ? null : event.dueAt().toString())
                .payload(
                        "assigneeId",
                        event.assigneeId() == null ? null : event.assigneeId().value())
                .write();
    }

    @EventHandler
    void on(ContactTaskUpdatedEvent event, EventMessage<?> message) {
        entry(message, CONTACT_TASK_UPDATED)
                .contact(event.contactId())
                .payload("taskId", event.taskId())
                .payload("title", event.title())
                .payload("dueAt", event.dueAt() == null ? null : event.dueAt().toString())
                .payload(
                        "assigneeId",
                        event.assigneeId() == null ? null : event.assigneeId().value())
                .write();
    }

    @EventHandler
    void on(ContactTaskCompletedEvent event, EventMessage<?> message) {
        entry(message, CONTACT_TASK_COMPLETED)
                .contact(event.contactId())
                .by(event.completedBy())
                .payload("taskId", event.taskId())
                .write();
    }

    @EventHandler
    void on(ContactTaskReopenedEvent event, EventMessage<?> message) {
        entry(message, CONTACT_TASK_REOPENED)
                .contact(event.contactId())
                .by(event.reopenedBy())
                .payload("taskId", event.taskId())
                .write();
    }

    @EventHandler
    void on(ContactTaggedEvent event, EventMessage<?> message) {
        entry(message, CONTACT_TAGGED)
                .contact(event.contactId())
                .payload("tag", event.tag())
                .write();
    }

    @EventHandler
    void on(ContactUntaggedEvent event, EventMessage<?> message) {
        entry(message, CONTACT_UNTAGGED)
                .contact(event.contactId())
                .payload("tag", event.tag())
                .write();
    }

    @EventHandler
    void on(ContactArchivedEvent event, EventMessage<?> message) {
        entry(message, CONTACT_ARCHIVED).contact(event.contactId()).write();
    }

    @EventHandler
    void on(ContactRestoredEvent event, EventMessage<?> message) {
        entry(message, CONTACT_RESTORED).contact(event.contactId()).write();
    }

    /** The survivor's entry; the duplicate's own event only points it at the survivor. */
    @EventHandler
    void on(ContactMergedEvent event, EventMessage<?> message) {
        entry(message, CONTACT_MERGED)
                .contact(event.contactId())
                .payload("duplicateId", event.duplicateId())
                .write();
    }

    /** From now on the duplicate's history, its e-mails and its account count as the survivor's. */
    @EventHandler
    void on(ContactMergedIntoEvent event) {
        store.jdbc()
                .update(
                        "UPDATE " + CONTACTS + " SET merged_into = ? WHERE id = ?",
                        event.survivorId().value(),
                        event.contactId().value());
    }

    /** A deleted contact has no timeline, and what was recorded about it by its id goes with it. */
    @EventHandler
    void on(ContactDeletedEvent event) {
        UUID id = event.contactId().value();
        store.jdbc().update("DELETE FROM " + ENTRIES + " WHERE contact_id = ?", id);
        store.jdbc().update("DELETE FROM " + CONTACTS + " WHERE id = ?", id);
    }

    // Leads

    @EventHandler
    void on(LeadSubmittedEvent event, EventMessage<?> message) {
        String text = event.message();
        entry(message, LEAD_SUBMITTED)
                .lead(event.leadId().value())
                .email(event.email())
                .otherwise(TimelineActor.VISITOR)
                .payload("leadId", event.leadId())
                .payload("formKey", event.formKey())
                .payload("name", event.name())
                .payload("email", event.email())
                .payload(
                        "message",
                        text == null || text.length() <= MESSAGE_PREVIEW ? text : text.substring(0, MESSAGE_PREVIEW))
                .write();
    }

    @EventHandler
    void on(LeadContactedEvent event, EventMessage<?> message) {
        leadStatus(message, event.leadId().value(), LeadStatus.CONTACTED, null);
    }

    @EventHandler
    void on(LeadQualifiedEvent event, EventMessage<?> message) {
        leadStatus(message, event.leadId().value(), LeadStatus.QUALIFIED, null);
    }

    @EventHandler
    void on(LeadRejectedEvent event, EventMessage<?> message) {
        leadStatus(message, event.leadId().value(), LeadStatus.REJECTED, event.reason());
    }

    private void leadStatus(EventMessage<?> message, UUID lead, LeadStatus status, String reason) {
        entry(message, LEAD_STATUS_CHANGED)
                .lead(lead)
                .payload("leadId", lead)
                .payload("status", status.wireName())
                .payload("reason", reason)
                .write();
    }

    @EventHandler
    void on(LeadNoteAddedEvent event, EventMessage<?> message) {
        entry(message, LEAD_NOTE_ADDED)
                .lead(event.leadId().value())
                .by(event.authorId())
                .payload("leadId", event.leadId())
                .payload("text", event.text())
                .write();
    }

    /** Names the contact too: this is what ties the lead's whole history to it. */
    @EventHandler
    void on(LeadConvertedEvent event, EventMessage<?> message) {
        entry(message, LEAD_CONVERTED)
                .lead(event.leadId().value())
                .contact(event.contactId())
                .payload("leadId", event.leadId())
                .payload("contactId", event.contactId())
                .payload("contactCreated", event.contactCreated())
                .write();
    }

    // Orders

    @EventHandler
    void on(OrderPlacedEvent event, EventMessage<?> message) {
        UUID order = event.orderId().value();
        String email = event.billing() == null ? null : event.billing().email();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("number", event.number());
        subject(order, order, email, facts);
        entry(message, ORDER_PLACED)
                .order(order)
                .email(email)
                .customer(event.customerId())
                .payload("orderId", order)
                .payload("number", event.number())
                .payload("totalMinor", event.totals().totalMinor())
                .payload("currency", event.totals().currency())
                .write();
    }

    @EventHandler
    void on(OrderPaidEvent event, EventMessage<?> message) {
        order(message, ORDER_PAID, event.orderId()).write();
    }

    @EventHandler
    void on(OrderShippedEvent event, EventMessage<?> message) {
        order(message, ORDER_SHIPPED, event.orderId()).write();
    }

    @EventHandler
    void on(OrderDeliveredEvent event, EventMessage<?> message) {
        order(message, ORDER_DELIVERED, event.orderId()).write();
    }

    @EventHandler
    void on(OrderCancelledEvent event, EventMessage<?> message) {
        order(message, ORDER_CANCELLED, event.orderId())
                .payload("reason", event.reason())
                .write();
    }

    @EventHandler
    void on(OrderExpiredEvent event, EventMessage<?> message) {
        order(message, ORDER_EXPIRED, event.orderId()).write();
    }

    @EventHandler
    void on(OrderRefundedEvent event, EventMessage<?> message) {
        order(message, ORDER_REFUNDED, event.orderId()).write();
    }

    /** An entry of a later event of an order, which names the order by the number it was placed with. */
    private Entry order(EventMessage<?> message, TimelineEntryType type, OrderId orderId) {
        UUID order = orderId.value();
        Map<String, Object> facts = facts(order);
        return entry(message, type)
                .order(order)
                .payload("orderId", order)
                .payload("number", facts == null ? null : facts.get("number"));
    }

    // Payments

    @EventHandler
    void on(PaymentCreatedEvent event) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("amountMinor", event.amount().amountMinor());
        facts.put("currency", event.amount().currency());
        facts.put(
                "provider",
                event.provider() == null ? null : event.provider().name().toLowerCase(Locale.ROOT));
        subject(event.paymentId().value(), event.orderId().value(), null, facts);
    }

    @EventHandler
    void on(PaymentSucceededEvent event, EventMessage<?> message) {
        payment(message, PAYMENT_SUCCEEDED, event.paymentId().value()).write();
    }

    @EventHandler
    void on(PaymentFailedEvent event, EventMessage<?> message) {
        payment(message, PAYMENT_FAILED, event.paymentId().value())
                .payload("reason", event.reason())
                .write();
    }

    /** The payment's own amount is replaced by what this refund gave back. */
    @EventHandler
    void on(PaymentRefundedEvent event, EventMessage<?> message) {
        payment(message, PAYMENT_REFUNDED, event.paymentId().value())
                .payload(
                        "amountMinor",
                        event.amount() == null ? null : event.amount().amountMinor())
                .payload("fully", event.fully())
                .payload("reason", event.reason())
                .write();
    }

    private Entry payment(EventMessage<?> message, TimelineEntryType type, UUID payment) {
        Subject subject = subjectOf(payment);
        Entry entry = entry(message, type).order(subject.order()).payload("paymentId", payment);
        subject.facts().forEach(entry::payload);
        return entry;
    }

    // Invoices

    @EventHandler
    void on(InvoiceDraftedEvent event) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("kind", event.kind() == null ? null : event.kind().wireName());
        facts.put("totalMinor", event.totals() == null ? null : event.totals().totalMinor());
        facts.put("currency", event.totals() == null ? null : event.totals().currency());
        facts.put("creditsInvoiceNumber", event.creditsInvoiceNumber());
        subject(
                event.invoiceId().value(),
                event.orderId() == null ? null : event.orderId().value(),
                event.buyer() == null ? null : event.buyer().email(),
                facts);
    }

    /** The totals an issued draft shows are those it was last changed to. */
    @EventHandler
    void on(InvoiceDraftUpdatedEvent event) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("totalMinor", event.totals() == null ? null : event.totals().totalMinor());
        facts.put("currency", event.totals() == null ? null : event.totals().currency());
        store.jdbc()
                .update(
                        "UPDATE " + SUBJECTS + " SET facts = facts || CAST(? AS jsonb), email = ? WHERE id = ?",
                        store.json().write(facts),
                        nullable(lower(
                                event.buyer() == null ? null : event.buyer().email())),
                        event.invoiceId().value());
    }

    /** An invoice of an order is the order's buyer's; one without an order, its buyer e-mail's. */
    @EventHandler
    void on(InvoiceIssuedEvent event, EventMessage<?> message) {
        UUID invoice = event.invoiceId().value();
        Subject subject = subjectOf(invoice);
        boolean credit =
                InvoiceKind.CREDIT_NOTE.wireName().equals(subject.facts().get("kind"));
        Entry entry = entry(message, credit ? CREDIT_NOTE_ISSUED : INVOICE_ISSUED)
                .order(subject.order())
                .email(subject.order() == null ? subject.email() : null)
                .payload("invoiceId", invoice)
                .payload("number", event.number());
        subject.facts().forEach((key, value) -> {
            if (!key.equals("kind") && (credit || !key.equals("creditsInvoiceNumber"))) {
                entry.payload(key, value);
            }
        });
        entry.write();
    }

    // Conversations: a customer's messages on a channel and staff's replies (private notes stay in
    // the conversation). The conversation is a subject whose facts name its contact.

    @EventHandler
    void on(ConversationStartedEvent event) {
        if (event.contactId() == null) {
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("contactId", event.contactId().value().toString());
        facts.put("channelId", event.channelId().value().toString());
        facts.put("channelKind", event.kind().wireName());
        subject(event.conversationId().value(), null, null, facts);
    }

    @EventHandler
    void on(InboundMessageReceivedEvent event, EventMessage<?> message) {
        conversationMessage(
                        message,
                        MESSAGE_RECEIVED,
                        event.conversationId().value(),
                        event.messageId().value())
                .ifPresent(entry -> entry.payload("text", preview(event.text()))
                        .payload("mediaType", event.mediaType())
                        .write());
    }

    @EventHandler
    void on(OutboundMessageRequestedEvent event, EventMessage<?> message) {
        conversationMessage(
                        message,
                        MESSAGE_SENT,
                        event.conversationId().value(),
                        event.messageId().value())
                .ifPresent(entry -> entry.by(event.authorId())
                        .payload("text", preview(event.text()))
                        .payload("mediaType", event.mediaUrl() == null ? null : "image")
                        .payload(
                                "templateName",
                                event.template() == null
                                        ? null
                                        : event.template().name())
                        .write());
    }

    /** An entry of the conversation's contact; none when the conversation has no contact. */
    private Optional<Entry> conversationMessage(
            EventMessage<?> message, TimelineEntryType type, UUID conversation, UUID messageId) {
        Map<String, Object> facts = facts(conversation);
        Object contact = facts.get("contactId");
        if (contact == null) {
            return Optional.empty();
        }
        return Optional.of(entry(message, type)
                .contact(new ContactId(UUID.fromString(contact.toString())))
                .payload("conversationId", conversation)
                .payload("messageId", messageId)
                .payload("channelId", facts.get("channelId"))
                .payload("channelKind", facts.get("channelKind")));
    }

    private static String preview(String text) {
        return text == null || text.length() <= MESSAGE_PREVIEW ? text : text.substring(0, MESSAGE_PREVIEW);
    }

    @ResetHandler
    void reset() {
        store.reset(ENTRIES, CONTACTS, SUBJECTS);
    }

    // Reading

    /**
     * The contact's entries, newest first; null when the tenant has no such contact. Rows of one
     * instant keep the order their events had in the event store.
     */
    @QueryHandler
    ContactTimelinePage handle(FindContactTimelineQuery query) {
        UUID contact = query.contactId().value();
        Integer known = store.findOne("SELECT 1 FROM " + CONTACTS + " WHERE id = ?", (rs, row) -> 1, contact);
        if (known == null) {
            return null;
        }
        int limit = PageSize.of(query.limit());
        PageCursor after = PageCursor.decode(query.cursor());
        List<Object> args = new ArrayList<>();
        args.add(contact);
        List<String> conditions = new ArrayList<>();
        if (!query.types().isEmpty()) {
            conditions.add("t.type = ANY (CAST(? AS text[]))");
            args.add(query.types().stream().map(TimelineEntryType::wireName).toArray(String[]::new));
        }
        if (after != null) {
            conditions.add("(t.occurred_at, t.seq, t.id) < (?, (SELECT seq FROM " + ENTRIES + " WHERE id = ?), ?)");
            args.add(Sql.timestamp(after.createdAt()));
            args.add(after.id());
            args.add(after.id());
        }
        StringBuilder sql = new StringBuilder(FEED);
        conditions.forEach(condition -> sql.append(" AND ").append(condition));
        sql.append(" ORDER BY t.occurred_at DESC, t.seq DESC, t.id DESC LIMIT ?");
        args.add(limit + 1);
        List<TimelineEntry> found = store.jdbc().query(sql.toString(), this::toEntry, args.toArray());
        if (found.size() <= limit) {
            return new ContactTimelinePage(found, null);
        }
        List<TimelineEntry> page = found.subList(0, limit);
        TimelineEntry last = page.get(limit - 1);
        return new ContactTimelinePage(page, new PageCursor(last.occurredAt(), last.id()).encode());
    }

    /**
     * Which rows are the contact's, decided now: the contact and those merged into it (at any
     * depth), their e-mails and customer accounts; then the leads converted into them or submitted
     * with those e-mails, and the orders placed by those accounts or billed to those e-mails. The
     * actor's name and role are read as they are now. Each key is looked up on its own index and
     * the matches are united; the ids go in as arrays ({@code = ANY (ARRAY(...))}) so that the
     * planner, which cannot estimate rows under row-level security, looks them up by key rather
     * than scanning the tenant's rows (ContactTimelineBench, 200 000 rows: a later page took ~85 ms by
     * scan, ~12 ms by key).
     */
    private static final String FEED = """
            WITH RECURSIVE family(id) AS (
                SELECT id FROM contact_timeline_contacts WHERE id = ?
                UNION
                SELECT c.id FROM contact_timeline_contacts c JOIN family f ON c.merged_into = f.id
            ), known AS (
                SELECT array_agg(c.id) AS ids,
                       array_remove(array_agg(c.customer_account_id), NULL) AS customers,
                       (SELECT coalesce(array_agg(e), '{}') FROM contact_timeline_contacts c2, unnest(c2.emails) AS e
                         WHERE c2.id = ANY (ARRAY(SELECT id FROM family))) AS emails
                  FROM contact_timeline_contacts c
                 WHERE c.id = ANY (ARRAY(SELECT id FROM family))
            ), leads AS (
                SELECT DISTINCT t.lead_id FROM contact_timeline t, known k
                 WHERE t.lead_id IS NOT NULL AND (t.contact_id = ANY (k.ids) OR t.email = ANY (k.emails))
            ), orders AS (
                SELECT DISTINCT t.order_id FROM contact_timeline t, known k
                 WHERE t.type = 'order_placed' AND (t.customer_id = ANY (k.customers) OR t.email = ANY (k.emails))
            ), matched AS (
                SELECT t.id FROM contact_timeline t, known k WHERE t.contact_id = ANY (k.ids)
                UNION SELECT t.id FROM contact_timeline t, known k WHERE t.email = ANY (k.emails)
                UNION SELECT t.id FROM contact_timeline t JOIN leads l ON t.lead_id = l.lead_id
                UNION SELECT t.id FROM contact_timeline t JOIN orders o ON t.order_id = o.order_id
            )
            SELECT t.id, t.type, t.occurred_at, t.payload::text AS payload, t.actor, t.actor_id,
                   u.display_name, u.role
              FROM contact_timeline t
              LEFT JOIN user_accounts u ON u.id = t.actor_id
             WHERE t.id = ANY (ARRAY(SELECT id FROM matched))
            """;

    private TimelineEntry toEntry(ResultSet rs, int row) throws SQLException {
        String kind = rs.getString("actor");
        UUID user = rs.getObject("actor_id", UUID.class);
        String role = rs.getString("role");
        return new TimelineEntry(
                rs.getObject("id", UUID.class),
                TimelineEntryType.fromWireName(rs.getString("type")),
                Sql.instant(rs, "occurred_at"),
                store.json().read(rs, "payload", FACTS),
                new TimelineActor(
                        kind, user, rs.getString("display_name"), role == null ? null : role.toLowerCase(Locale.ROOT)));
    }

    // Writing

    /**
     * Saves what the timeline needs of a contact from its creation or update; false when the row
     * already reflects this event or a later one, so its entries are written once.
     */
    private boolean saveContact(ContactId contact, ContactDetails details, EventMessage<?> message) {
        long version = ((DomainEventMessage<?>) message).getSequenceNumber();
        String[] emails = details.emails() == null
                ? new String[0]
                : details.emails().stream()
                        .map(ContactTimelineProjection::lower)
                        .toArray(String[]::new);
        return store.jdbc()
                        .update(
                                "INSERT INTO " + CONTACTS + " (tenant_id, id, emails, customer_account_id, stage,"
                                        + " owner_id, details, version)"
                                        + " VALUES (app_current_tenant(), ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)"
                                        + " ON CONFLICT (tenant_id, id) DO UPDATE SET emails = EXCLUDED.emails,"
                                        + " customer_account_id = EXCLUDED.customer_account_id,"
                                        + " stage = EXCLUDED.stage, owner_id = EXCLUDED.owner_id,"
                                        + " details = EXCLUDED.details, version = EXCLUDED.version"
                                        + " WHERE " + CONTACTS + ".version < EXCLUDED.version",
                                contact.value(),
                                emails,
                                nullable(
                                        details.customerAccountId() == null
                                                ? null
                                                : details.customerAccountId().value()),
                                nullable(details.stage()),
                                nullable(
                                        details.ownerId() == null
                                                ? null
                                                : details.ownerId().value()),
                                details(details),
                                version)
                > 0;
    }

    /** What an update may change besides the stage and the owner (tags and notes have their own events). */
    private String details(ContactDetails d) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", d.name());
        details.put("company", d.company());
        details.put("emails", d.emails());
        details.put("phones", d.phones());
        details.put("address", d.address());
        details.put("locale", d.locale());
        details.put("source", d.source());
        details.put("consents", d.consents());
        details.put("customFields", d.customFields());
        details.put("customerAccountId", d.customerAccountId());
        details.put("channelHandles", d.channelHandles());
        return store.json().write(details);
    }

    /** An order, a payment or an invoice, and what its later events do not repeat. */
    private record Subject(UUID order, String email, Map<String, Object> facts) {}

    private void subject(UUID id, UUID order, String email, Map<String, Object> facts) {
        store.jdbc()
                .update(
                        "INSERT INTO " + SUBJECTS + " (tenant_id, id, order_id, email, facts)"
                                + " VALUES (app_current_tenant(), ?, ?, ?, CAST(? AS jsonb))"
                                + " ON CONFLICT (tenant_id, id) DO NOTHING",
                        id,
                        nullable(order),
                        nullable(lower(email)),
                        store.json().write(facts));
    }

    /** The subject's facts; none when its first event came before this projection existed. */
    private Subject subjectOf(UUID id) {
        Subject found = store.findOne(
                "SELECT order_id, email, facts::text AS facts FROM " + SUBJECTS + " WHERE id = ?",
                (rs, row) -> new Subject(
                        rs.getObject("order_id", UUID.class),
                        rs.getString("email"),
                        store.json().read(rs, "facts", FACTS)),
                id);
        return found == null ? new Subject(null, null, Map.of()) : found;
    }

    private Map<String, Object> facts(UUID id) {
        return subjectOf(id).facts();
    }

    private Entry entry(EventMessage<?> message, TimelineEntryType type) {
        return new Entry(message, type);
    }

    /** One row of the timeline, built from its event and written once. */
    private final class Entry {

        private final EventMessage<?> message;
        private final TimelineEntryType type;
        private final Map<String, Object> payload = new LinkedHashMap<>();
        private UUID contact;
        private UUID customer;
        private String email;
        private UUID lead;
        private UUID order;
        private UUID actor;
        private String otherwise = TimelineActor.SYSTEM;

        private Entry(EventMessage<?> message, TimelineEntryType type) {
            this.message = message;
            this.type = type;
            Object user = message.getMetaData().get(MetadataKeys.USER_ID);
            this.actor = user == null ? null : UserId.of(user.toString()).value();
        }

        Entry contact(ContactId id) {
            this.contact = id.value();
            return this;
        }

        Entry customer(UserId id) {
            this.customer = id == null ? null : id.value();
            return this;
        }

        Entry email(String address) {
            this.email = lower(address);
            return this;
        }

        Entry lead(UUID id) {
            this.lead = id;
            return this;
        }

        Entry order(UUID id) {
            this.order = id;
            return this;
        }

        /** The author the event names, over whoever sent its command. */
        Entry by(UserId author) {
            if (author != null) {
                this.actor = author.value();
            }
            return this;
        }

        /** Who it was when no user is named: a visitor of a public form, or the system. */
        Entry otherwise(String kind) {
            this.otherwise = kind;
            return this;
        }

        /** Payload fields without a value are left out rather than sent as null. */
        Entry payload(String key, Object value) {
            if (value != null) {
                payload.put(key, value);
            }
            return this;
        }

        void write() {
            store.jdbc()
                    .update(
                            "INSERT INTO " + ENTRIES + " (tenant_id, id, seq, type, occurred_at, contact_id,"
                                    + " customer_id, email, lead_id, order_id, payload, actor, actor_id)"
                                    + " VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)"
                                    + " ON CONFLICT (tenant_id, id) DO NOTHING",
                            id(),
                            sequence(message),
                            type.wireName(),
                            Sql.timestamp(message.getTimestamp()),
                            nullable(contact),
                            nullable(customer),
                            nullable(email),
                            nullable(lead),
                            nullable(order),
                            store.json().write(payload),
                            actor == null ? otherwise : TimelineActor.USER,
                            nullable(actor));
        }

        /** One event may make several entries (a stage and an owner change): each has its own id. */
        private UUID id() {
            return UUID.nameUUIDFromBytes(
                    (message.getIdentifier() + "/" + type.wireName()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The event's place in the whole store; 0 outside a tracking processor, where there is none. */
    private static long sequence(EventMessage<?> message) {
        return message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().orElse(0)
                : 0;
    }

    private static String lower(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** A null bound without a type, which the server infers from the column. */
    private static Object nullable(Object value) {
        return value == null ? new SqlParameterValue(Types.OTHER, null) : value;
    }

    /**
     * A subject erased: the texts of their timeline entries (notes, names, e-mails, messages) read
     * "[erased]", their e-mail links are forgotten; kinds, times, amounts and ids stay.
     */
    @EventHandler
    void on(DataSubjectErasedEvent event) {
        String column = switch (event.subject()) {
            case CONTACT -> "contact_id";
            case USER -> "customer_id";
            case LEAD -> "lead_id";
        };
        store.jdbc()
                .update(
                        ("UPDATE contact_timeline SET email = NULL, payload = (SELECT coalesce(jsonb_object_agg(k,"
                                        + " CASE WHEN jsonb_typeof(v) = 'string' AND k IN ('text', 'name', 'email', 'phone',"
                                        + " 'message', 'displayName', 'userName', 'body', 'title') THEN to_jsonb('[erased]'::text)"
                                        + " ELSE v END), '{}') FROM jsonb_each(payload) e(k, v)) WHERE %s = ?")
                                .formatted(column),
                        event.subjectId());
        if (event.subject() == DataSubject.CONTACT) {
            store.jdbc().update("UPDATE contact_timeline_contacts SET emails = '{}' WHERE id = ?", event.subjectId());
        }
    }
}
