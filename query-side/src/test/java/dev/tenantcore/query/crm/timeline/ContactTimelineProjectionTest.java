package dev.tenantcore.query.crm.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactCreatedEvent;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.ContactMergedEvent;
import dev.tenantcore.api.crm.ContactMergedIntoEvent;
import dev.tenantcore.api.crm.ContactNoteAddedEvent;
import dev.tenantcore.api.crm.ContactTaggedEvent;
import dev.tenantcore.api.crm.ContactUpdatedEvent;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ConversationStartedEvent;
import dev.tenantcore.api.crm.conversation.InboundMessageReceivedEvent;
import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.OutboundMessageRequestedEvent;
import dev.tenantcore.api.crm.conversation.PrivateNoteAddedEvent;
import dev.tenantcore.api.crm.lead.LeadContactedEvent;
import dev.tenantcore.api.crm.lead.LeadConvertedEvent;
import dev.tenantcore.api.crm.lead.LeadFormId;
import dev.tenantcore.api.crm.lead.LeadId;
import dev.tenantcore.api.crm.lead.LeadSubmittedEvent;
import dev.tenantcore.api.crm.timeline.ContactTimelinePage;
import dev.tenantcore.api.crm.timeline.FindContactTimelineQuery;
import dev.tenantcore.api.crm.timeline.TimelineActor;
import dev.tenantcore.api.crm.timeline.TimelineEntry;
import dev.tenantcore.api.crm.timeline.TimelineEntryType;
import dev.tenantcore.api.invoicing.InvoiceDraftedEvent;
import dev.tenantcore.api.invoicing.InvoiceId;
import dev.tenantcore.api.invoicing.InvoiceIssuedEvent;
import dev.tenantcore.api.invoicing.InvoiceKind;
import dev.tenantcore.api.invoicing.InvoiceParty;
import dev.tenantcore.api.invoicing.InvoiceTotals;
import dev.tenantcore.api.ordering.OrderAddress;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderPaidEvent;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderRefundedEvent;
import dev.tenantcore.api.ordering.OrderTotals;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.payments.PaymentId;
import dev.tenantcore.api.payments.PaymentProviderKind;
import dev.tenantcore.api.payments.PaymentRefundedEvent;
import dev.tenantcore.api.payments.PaymentSucceededEvent;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionContract;
import dev.tenantcore.query.support.ProjectionFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The contact timeline projection")
class ContactTimelineProjectionTest extends ProjectionContract<ContactTimelineProjection> {

    private static final String ANN = "ann@example.com";

    private final ContactId ann = new ContactId(id());
    private final ContactId duplicate = new ContactId(id());
    private final ContactId bob = new ContactId(id());
    private final UserId annsAccount = new UserId(id());
    private final UserId staff = new UserId(id());
    private final LeadId lead = new LeadId(id());
    private final OrderId byAccount = new OrderId(id());
    private final OrderId byEmail = new OrderId(id());
    private final OrderId bobsOrder = new OrderId(id());
    private final PaymentId payment = new PaymentId(id());
    private final InvoiceId invoice = new InvoiceId(id());
    private final InvoiceId creditNote = new InvoiceId(id());
    private final ContactId carol = new ContactId(id());
    private final ConversationId chat = new ConversationId(id());
    private final ChannelId telegram = new ChannelId(id());

    ContactTimelineProjectionTest() {
        super(
                ContactTimelineProjection::new,
                "contact_timeline",
                "contact_timeline_contacts",
                "contact_timeline_subjects");
    }

    private static ContactCreatedEvent created(
            ContactId id, TenantId tenant, String name, String email, String stage, UserId account) {
        return new ContactCreatedEvent(
                id,
                tenant,
                name,
                null,
                List.of(email),
                List.of(),
                null,
                null,
                stage,
                null,
                "manual",
                List.of(),
                List.of(),
                Map.of(),
                account,
                List.of());
    }

    private static ContactUpdatedEvent updated(
            ContactId id, String name, String email, String stage, UserId owner, UserId account) {
        return new ContactUpdatedEvent(
                id,
                name,
                null,
                List.of(email),
                List.of(),
                null,
                null,
                stage,
                owner,
                "manual",
                List.of(),
                List.of(),
                Map.of(),
                account,
                List.of());
    }

    private static OrderPlacedEvent placed(OrderId order, TenantId tenant, long number, UserId customer, String email) {
        OrderAddress billing =
                new OrderAddress("Ann", email, null, "1 Main St", null, "Springfield", "12345", null, "US");
        return new OrderPlacedEvent(
                order,
                tenant,
                number,
                customer,
                List.of(),
                billing,
                null,
                new OrderTotals("EUR", 1000, 0, 2100, 210, 0, 1210));
    }

    private static InvoiceDraftedEvent drafted(
            InvoiceId id, TenantId tenant, InvoiceKind kind, OrderId order, String credits, long total) {
        return new InvoiceDraftedEvent(
                id,
                tenant,
                kind,
                order,
                null,
                credits,
                InvoiceParty.named("Shop"),
                InvoiceParty.named("Ann"),
                List.of(),
                new InvoiceTotals("EUR", total, 0, total));
    }

    /**
     * The order placed under Ann's account comes before the contact that links the account: the
     * capture policy may make the contact after the order, and the timeline must not care.
     */
    @Override
    protected History history(TenantId tenant) {
        return new History(tenant)
                .of(byAccount, placed(byAccount, tenant, 1001, annsAccount, "other@example.com"))
                .of(
                        lead,
                        new LeadSubmittedEvent(
                                lead,
                                tenant,
                                new LeadFormId(id()),
                                "contact",
                                "Ann",
                                "ANN@example.com",
                                null,
                                "Call me",
                                Map.of(),
                                Map.of(),
                                null))
                .by(staff.value())
                .of(lead, new LeadContactedEvent(lead))
                .of(ann, created(ann, tenant, "Ann", ANN, "lead", annsAccount))
                .of(lead, new LeadConvertedEvent(lead, ann, false))
                .of(
                        ann,
                        updated(ann, "Ann", ANN, "customer", null, annsAccount),
                        new ContactNoteAddedEvent(ann, UUID.randomUUID(), "Prefers mornings", staff),
                        new ContactTaggedEvent(ann, "vip"))
                .by(null)
                .of(byEmail, placed(byEmail, tenant, 1002, null, ANN))
                .of(
                        payment,
                        new PaymentCreatedEvent(
                                payment,
                                tenant,
                                byEmail,
                                null,
                                new Money(1210, "EUR"),
                                PaymentProviderKind.MANUAL,
                                null))
                .of(payment, new PaymentSucceededEvent(payment, byEmail, null))
                .of(byEmail, new OrderPaidEvent(byEmail, payment))
                .of(invoice, drafted(invoice, tenant, InvoiceKind.INVOICE, byEmail, null, 1210))
                .of(invoice, new InvoiceIssuedEvent(invoice, "INV-1", Instant.parse("2026-01-01T10:00:00Z")))
                .by(staff.value())
                .of(payment, new PaymentRefundedEvent(payment, new Money(1210, "EUR"), 1210, true, "broken"))
                .by(null)
                .of(byEmail, new OrderRefundedEvent(byEmail, payment))
                .of(creditNote, drafted(creditNote, tenant, InvoiceKind.CREDIT_NOTE, byEmail, "INV-1", -1210))
                .of(creditNote, new InvoiceIssuedEvent(creditNote, "CN-1", Instant.parse("2026-01-01T11:00:00Z")))
                .of(duplicate, created(duplicate, tenant, "Ann D.", "ann.d@example.com", "lead", null))
                .of(duplicate, new ContactNoteAddedEvent(duplicate, UUID.randomUUID(), "Duplicate's note", null))
                .of(bob, created(bob, tenant, "Bob", "bob@example.com", "lead", null))
                .of(bobsOrder, placed(bobsOrder, tenant, 1003, null, "bob@example.com"))
                .of(ann, new ContactMergedEvent(ann, duplicate))
                .of(duplicate, new ContactMergedIntoEvent(duplicate, ann))
                .of(carol, created(carol, tenant, "Carol", "carol@example.com", "lead", null))
                .of(
                        chat,
                        new ConversationStartedEvent(
                                chat, tenant, telegram, ChannelKind.TELEGRAM, "777", "Carol", carol),
                        new InboundMessageReceivedEvent(
                                chat, new MessageId(id()), "tg-1", "Is the mug in stock?", null, null, null, carol))
                .by(staff.value())
                .of(
                        chat,
                        new OutboundMessageRequestedEvent(
                                chat,
                                new MessageId(id()),
                                telegram,
                                ChannelKind.TELEGRAM,
                                "777",
                                "Yes, 5 left",
                                null,
                                null,
                                staff,
                                carol),
                        new PrivateNoteAddedEvent(chat, new MessageId(id()), "Wants the blue one", staff, carol))
                .by(null)
                .of(
                        chat,
                        new InboundMessageReceivedEvent(
                                chat, new MessageId(id()), "tg-2", null, "image", "AgACAgQ", null, carol));
    }

    private ContactTimelinePage timeline(TenantId tenant, ContactId contact, int limit, String cursor) {
        return ask(tenant, p -> p.handle(new FindContactTimelineQuery(contact, Set.of(), limit, cursor)));
    }

    private static List<TimelineEntryType> types(ContactTimelinePage page) {
        return page.items().stream().map(TimelineEntry::type).toList();
    }

    @Test
    @DisplayName("shows everything that happened with the contact across contexts, newest first, with who did it")
    void showsEverythingNewestFirst() {
        ContactTimelinePage page = timeline(first, ann, 100, null);

        assertThat(types(page))
                .containsExactly(
                        TimelineEntryType.CONTACT_MERGED,
                        TimelineEntryType.CONTACT_NOTE_ADDED,
                        TimelineEntryType.CONTACT_CREATED,
                        TimelineEntryType.CREDIT_NOTE_ISSUED,
                        TimelineEntryType.ORDER_REFUNDED,
                        TimelineEntryType.PAYMENT_REFUNDED,
                        TimelineEntryType.INVOICE_ISSUED,
                        TimelineEntryType.ORDER_PAID,
                        TimelineEntryType.PAYMENT_SUCCEEDED,
                        TimelineEntryType.ORDER_PLACED,
                        TimelineEntryType.CONTACT_TAGGED,
                        TimelineEntryType.CONTACT_NOTE_ADDED,
                        TimelineEntryType.CONTACT_STAGE_CHANGED,
                        TimelineEntryType.LEAD_CONVERTED,
                        TimelineEntryType.CONTACT_CREATED,
                        TimelineEntryType.LEAD_STATUS_CHANGED,
                        TimelineEntryType.LEAD_SUBMITTED,
                        TimelineEntryType.ORDER_PLACED);
        assertThat(page.nextCursor()).isNull();
        Map<TimelineEntryType, TimelineEntry> latest = new java.util.EnumMap<>(TimelineEntryType.class);
        page.items().forEach(e -> latest.putIfAbsent(e.type(), e));

        assertThat(latest.get(TimelineEntryType.CONTACT_STAGE_CHANGED).payload())
                .containsEntry("from", "lead")
                .containsEntry("to", "customer");
        assertThat(latest.get(TimelineEntryType.CONTACT_STAGE_CHANGED).actor())
                .isEqualTo(new TimelineActor(TimelineActor.USER, staff.value(), null, null));
        assertThat(latest.get(TimelineEntryType.LEAD_SUBMITTED).actor().kind()).isEqualTo(TimelineActor.VISITOR);
        assertThat(latest.get(TimelineEntryType.LEAD_STATUS_CHANGED).payload()).containsEntry("status", "contacted");
        assertThat(latest.get(TimelineEntryType.ORDER_PLACED).payload())
                .containsEntry("number", 1002)
                .containsEntry("totalMinor", 1210)
                .containsEntry("currency", "EUR");
        assertThat(latest.get(TimelineEntryType.ORDER_PAID).payload()).containsEntry("number", 1002);
        assertThat(latest.get(TimelineEntryType.PAYMENT_SUCCEEDED).actor().kind())
                .isEqualTo(TimelineActor.SYSTEM);
        assertThat(latest.get(TimelineEntryType.PAYMENT_REFUNDED).payload())
                .containsEntry("amountMinor", 1210)
                .containsEntry("fully", true)
                .containsEntry("reason", "broken");
        assertThat(latest.get(TimelineEntryType.PAYMENT_REFUNDED).actor().userId())
                .isEqualTo(staff.value());
        assertThat(latest.get(TimelineEntryType.INVOICE_ISSUED).payload())
                .containsEntry("number", "INV-1")
                .containsEntry("totalMinor", 1210)
                .doesNotContainKey("creditsInvoiceNumber");
        assertThat(latest.get(TimelineEntryType.CREDIT_NOTE_ISSUED).payload())
                .containsEntry("number", "CN-1")
                .containsEntry("totalMinor", -1210)
                .containsEntry("creditsInvoiceNumber", "INV-1");
        assertThat(latest.get(TimelineEntryType.CONTACT_NOTE_ADDED).payload())
                .containsEntry("text", "Duplicate's note");
    }

    @Test
    @DisplayName("pages across a page boundary without skipping or repeating an entry")
    void pagesAcrossTheBoundary() {
        List<UUID> all = timeline(first, ann, 100, null).items().stream()
                .map(TimelineEntry::id)
                .toList();
        List<UUID> paged = new ArrayList<>();
        String cursor = null;
        do {
            ContactTimelinePage page = timeline(first, ann, 5, cursor);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(5);
            page.items().forEach(e -> paged.add(e.id()));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(paged).containsExactlyElementsOf(all);
    }

    @Test
    @DisplayName("keeps only the asked types")
    void filtersByType() {
        ContactTimelinePage orders = ask(
                first,
                p -> p.handle(new FindContactTimelineQuery(
                        ann, Set.of(TimelineEntryType.ORDER_PLACED, TimelineEntryType.LEAD_SUBMITTED), 100, null)));

        assertThat(types(orders))
                .containsExactly(
                        TimelineEntryType.ORDER_PLACED,
                        TimelineEntryType.LEAD_SUBMITTED,
                        TimelineEntryType.ORDER_PLACED);
    }

    @Test
    @DisplayName(
            "shows another contact only its own history, and the duplicate only its own until it is asked as itself")
    void keepsContactsApart() {
        assertThat(types(timeline(first, bob, 100, null)))
                .containsExactly(TimelineEntryType.ORDER_PLACED, TimelineEntryType.CONTACT_CREATED);
        assertThat(types(timeline(first, duplicate, 100, null)))
                .containsExactly(TimelineEntryType.CONTACT_NOTE_ADDED, TimelineEntryType.CONTACT_CREATED);
    }

    @Test
    @DisplayName("answers null for a contact the tenant does not have, and refuses a forged cursor")
    void unknownContactAndForgedCursor() {
        assertThat(timeline(first, new ContactId(id()), 10, null)).isNull();
        assertThatThrownBy(() -> timeline(first, ann, 10, "not-a-cursor")).isInstanceOf(DomainException.class);
    }

    @Test
    @DisplayName("never shows another tenant's order billed to the same e-mail")
    void anotherTenantsOrderNeverAppears() {
        TenantId attacker = ProjectionFixture.newTenant();
        ContactTimelineProjection projection = projection();
        OrderId theirs = new OrderId(id());
        db.feed(projection, history(first).events());
        db.feed(
                projection,
                new History(attacker)
                        .of(theirs, placed(theirs, attacker, 9, annsAccount, ANN))
                        .events());

        ContactTimelinePage page =
                db.as(first, () -> projection.handle(new FindContactTimelineQuery(ann, Set.of(), 100, null)));

        assertThat(page.items())
                .extracting(e -> e.payload().get("orderId"))
                .doesNotContain(theirs.value().toString());
        assertThat(types(page))
                .filteredOn(t -> t == TimelineEntryType.ORDER_PLACED)
                .hasSize(2);
    }

    @Test
    @DisplayName("shows a contact's channel messages both ways, never staff's private notes, and filters them by type")
    void conversationMessages() {
        ContactTimelinePage page = timeline(first, carol, 100, null);

        assertThat(types(page))
                .containsExactly(
                        TimelineEntryType.MESSAGE_RECEIVED,
                        TimelineEntryType.MESSAGE_SENT,
                        TimelineEntryType.MESSAGE_RECEIVED,
                        TimelineEntryType.CONTACT_CREATED);
        TimelineEntry photo = page.items().get(0);
        assertThat(photo.payload())
                .containsEntry("conversationId", chat.value().toString())
                .containsEntry("channelKind", "telegram")
                .containsEntry("mediaType", "image")
                .doesNotContainKey("text");
        assertThat(photo.actor().kind()).isEqualTo(TimelineActor.SYSTEM);
        TimelineEntry reply = page.items().get(1);
        assertThat(reply.payload()).containsEntry("text", "Yes, 5 left");
        assertThat(reply.actor()).isEqualTo(new TimelineActor(TimelineActor.USER, staff.value(), null, null));
        assertThat(page.items()).noneMatch(e -> e.payload().containsValue("Wants the blue one"));

        ContactTimelinePage sent = ask(
                first,
                p -> p.handle(new FindContactTimelineQuery(carol, Set.of(TimelineEntryType.MESSAGE_SENT), 100, null)));
        assertThat(types(sent)).containsExactly(TimelineEntryType.MESSAGE_SENT);
        assertThat(types(timeline(first, bob, 100, null))).doesNotContain(TimelineEntryType.MESSAGE_RECEIVED);
    }
}
