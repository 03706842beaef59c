package dev.tenantcore.api.automations;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tenantcore.api.automations.rules.AutomationRunFinishedEvent;
import dev.tenantcore.api.automations.rules.AutomationRunParkedEvent;
import dev.tenantcore.api.automations.rules.AutomationRunStartedEvent;
import dev.tenantcore.api.automations.rules.AutomationRunStepDoneEvent;
import dev.tenantcore.api.automations.rules.AutomationRunStepFailedEvent;
import dev.tenantcore.api.catalog.ProductCreatedEvent;
import dev.tenantcore.api.catalog.ProductDeactivatedEvent;
import dev.tenantcore.api.catalog.ProductDeletedEvent;
import dev.tenantcore.api.catalog.ProductReactivatedEvent;
import dev.tenantcore.api.catalog.ProductUpdatedEvent;
import dev.tenantcore.api.crm.ContactArchivedEvent;
import dev.tenantcore.api.crm.ContactCreatedEvent;
import dev.tenantcore.api.crm.ContactDeletedEvent;
import dev.tenantcore.api.crm.ContactMergedEvent;
import dev.tenantcore.api.crm.ContactNoteAddedEvent;
import dev.tenantcore.api.crm.ContactRestoredEvent;
import dev.tenantcore.api.crm.ContactTaggedEvent;
import dev.tenantcore.api.crm.ContactTaskAddedEvent;
import dev.tenantcore.api.crm.ContactTaskCompletedEvent;
import dev.tenantcore.api.crm.ContactTaskReopenedEvent;
import dev.tenantcore.api.crm.ContactTaskUpdatedEvent;
import dev.tenantcore.api.crm.ContactUntaggedEvent;
import dev.tenantcore.api.crm.ContactUpdatedEvent;
import dev.tenantcore.api.crm.conversation.ConversationAssignedEvent;
import dev.tenantcore.api.crm.conversation.ConversationStartedEvent;
import dev.tenantcore.api.crm.conversation.ConversationStatusChangedEvent;
import dev.tenantcore.api.crm.conversation.InboundMessageReceivedEvent;
import dev.tenantcore.api.crm.conversation.MessageStatusChangedEvent;
import dev.tenantcore.api.crm.conversation.OutboundMessageRequestedEvent;
import dev.tenantcore.api.crm.lead.LeadContactedEvent;
import dev.tenantcore.api.crm.lead.LeadConvertedEvent;
import dev.tenantcore.api.crm.lead.LeadDeletedEvent;
import dev.tenantcore.api.crm.lead.LeadNoteAddedEvent;
import dev.tenantcore.api.crm.lead.LeadOwnerAssignedEvent;
import dev.tenantcore.api.crm.lead.LeadQualifiedEvent;
import dev.tenantcore.api.crm.lead.LeadRejectedEvent;
import dev.tenantcore.api.crm.lead.LeadSubmittedEvent;
import dev.tenantcore.api.invoicing.InvoiceIssuedEvent;
import dev.tenantcore.api.invoicing.InvoicePaidEvent;
import dev.tenantcore.api.invoicing.InvoiceVoidedEvent;
import dev.tenantcore.api.ordering.OrderCancelledEvent;
import dev.tenantcore.api.ordering.OrderDeliveredEvent;
import dev.tenantcore.api.ordering.OrderExpiredEvent;
import dev.tenantcore.api.ordering.OrderPaidEvent;
import dev.tenantcore.api.ordering.OrderPaymentRefusedEvent;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderRefundedEvent;
import dev.tenantcore.api.ordering.OrderShippedEvent;
import dev.tenantcore.api.payments.PaymentAuthorizedEvent;
import dev.tenantcore.api.payments.PaymentCancelledEvent;
import dev.tenantcore.api.payments.PaymentCreatedEvent;
import dev.tenantcore.api.payments.PaymentFailedEvent;
import dev.tenantcore.api.payments.PaymentOpenedEvent;
import dev.tenantcore.api.payments.PaymentRefundFailedEvent;
import dev.tenantcore.api.payments.PaymentRefundedEvent;
import dev.tenantcore.api.payments.PaymentSucceededEvent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of events a tenant's automations, webhooks and live streams see: each a domain
 * event published under a stable dotted name ({@code order.placed}), in a topic, with the event's
 * own fields as the envelope's {@code data} (see {@link PublicEvent}).
 *
 * <p>Only what a tenant's integrations need is here. Events about credentials, sign-in, sign-up,
 * settings and the platform's own bookkeeping are not published, and a new domain event is not
 * published until it is added. A name never changes meaning: when an event's fields change
 * incompatibly, {@link PublicEvent#ENVELOPE_VERSION} or the name changes with them.
 */
public enum PublicEventType {
    ORDER_PLACED("order.placed", EventTopic.ORDERS, OrderPlacedEvent.class),
    ORDER_PAID("order.paid", EventTopic.ORDERS, OrderPaidEvent.class),
    ORDER_PAYMENT_REFUSED("order.payment_refused", EventTopic.ORDERS, OrderPaymentRefusedEvent.class),
    ORDER_CANCELLED("order.cancelled", EventTopic.ORDERS, OrderCancelledEvent.class),
    ORDER_EXPIRED("order.expired", EventTopic.ORDERS, OrderExpiredEvent.class),
    ORDER_SHIPPED("order.shipped", EventTopic.ORDERS, OrderShippedEvent.class),
    ORDER_DELIVERED("order.delivered", EventTopic.ORDERS, OrderDeliveredEvent.class),
    ORDER_REFUNDED("order.refunded", EventTopic.ORDERS, OrderRefundedEvent.class),

    PAYMENT_CREATED("payment.created", EventTopic.PAYMENTS, PaymentCreatedEvent.class),
    PAYMENT_OPENED("payment.opened", EventTopic.PAYMENTS, PaymentOpenedEvent.class),
    PAYMENT_AUTHORIZED("payment.authorized", EventTopic.PAYMENTS, PaymentAuthorizedEvent.class),
    PAYMENT_SUCCEEDED("payment.succeeded", EventTopic.PAYMENTS, PaymentSucceededEvent.class),
    PAYMENT_FAILED("payment.failed", EventTopic.PAYMENTS, PaymentFailedEvent.class),
    PAYMENT_CANCELLED("payment.cancelled", EventTopic.PAYMENTS, PaymentCancelledEvent.class),
    PAYMENT_REFUNDED("payment.refunded", EventTopic.PAYMENTS, PaymentRefundedEvent.class),
    PAYMENT_REFUND_FAILED("payment.refund_failed", EventTopic.PAYMENTS, PaymentRefundFailedEvent.class),

    INVOICE_ISSUED("invoice.issued", EventTopic.INVOICES, InvoiceIssuedEvent.class),
    INVOICE_PAID("invoice.paid", EventTopic.INVOICES, InvoicePaidEvent.class),
    INVOICE_VOIDED("invoice.voided", EventTopic.INVOICES, InvoiceVoidedEvent.class),

    PRODUCT_CREATED("product.created", EventTopic.CATALOG, ProductCreatedEvent.class),
    PRODUCT_UPDATED("product.updated", EventTopic.CATALOG, ProductUpdatedEvent.class),
    PRODUCT_DEACTIVATED("product.deactivated", EventTopic.CATALOG, ProductDeactivatedEvent.class),
    PRODUCT_REACTIVATED("product.reactivated", EventTopic.CATALOG, ProductReactivatedEvent.class),
    PRODUCT_DELETED("product.deleted", EventTopic.CATALOG, ProductDeletedEvent.class),

    CONTACT_CREATED("contact.created", EventTopic.CONTACTS, ContactCreatedEvent.class),
    CONTACT_UPDATED("contact.updated", EventTopic.CONTACTS, ContactUpdatedEvent.class),
    CONTACT_TAGGED("contact.tagged", EventTopic.CONTACTS, ContactTaggedEvent.class),
    CONTACT_UNTAGGED("contact.untagged", EventTopic.CONTACTS, ContactUntaggedEvent.class),
    CONTACT_NOTE_ADDED("contact.note_added", EventTopic.CONTACTS, ContactNoteAddedEvent.class),
    CONTACT_MERGED("contact.merged", EventTopic.CONTACTS, ContactMergedEvent.class),
    CONTACT_ARCHIVED("contact.archived", EventTopic.CONTACTS, ContactArchivedEvent.class),
    CONTACT_RESTORED("contact.restored", EventTopic.CONTACTS, ContactRestoredEvent.class),
    CONTACT_DELETED("contact.deleted", EventTopic.CONTACTS, ContactDeletedEvent.class),
    CONTACT_TASK_ADDED("contact.task_added", EventTopic.CONTACTS, ContactTaskAddedEvent.class),
    CONTACT_TASK_UPDATED("contact.task_updated", EventTopic.CONTACTS, ContactTaskUpdatedEvent.class),
    CONTACT_TASK_COMPLETED("contact.task_completed", EventTopic.CONTACTS, ContactTaskCompletedEvent.class),
    CONTACT_TASK_REOPENED("contact.task_reopened", EventTopic.CONTACTS, ContactTaskReopenedEvent.class),

    LEAD_SUBMITTED("lead.submitted", EventTopic.LEADS, LeadSubmittedEvent.class),
    LEAD_OWNER_ASSIGNED("lead.owner_assigned", EventTopic.LEADS, LeadOwnerAssignedEvent.class),
    LEAD_CONTACTED("lead.contacted", EventTopic.LEADS, LeadContactedEvent.class),
    LEAD_QUALIFIED("lead.qualified", EventTopic.LEADS, LeadQualifiedEvent.class),
    LEAD_REJECTED("lead.rejected", EventTopic.LEADS, LeadRejectedEvent.class),
    LEAD_CONVERTED("lead.converted", EventTopic.LEADS, LeadConvertedEvent.class),
    LEAD_NOTE_ADDED("lead.note_added", EventTopic.LEADS, LeadNoteAddedEvent.class),
    LEAD_DELETED("lead.deleted", EventTopic.LEADS, LeadDeletedEvent.class),

    CONVERSATION_STARTED("conversation.started", EventTopic.CONVERSATIONS, ConversationStartedEvent.class),
    CONVERSATION_ASSIGNED("conversation.assigned", EventTopic.CONVERSATIONS, ConversationAssignedEvent.class),
    CONVERSATION_STATUS_CHANGED(
            "conversation.status_changed", EventTopic.CONVERSATIONS, ConversationStatusChangedEvent.class),
    MESSAGE_RECEIVED("message.received", EventTopic.CONVERSATIONS, InboundMessageReceivedEvent.class),
    MESSAGE_REQUESTED("message.requested", EventTopic.CONVERSATIONS, OutboundMessageRequestedEvent.class),
    MESSAGE_STATUS_CHANGED("message.status_changed", EventTopic.CONVERSATIONS, MessageStatusChangedEvent.class),

    AUTOMATION_RUN_STARTED("automation.run_started", EventTopic.AUTOMATION_RUNS, AutomationRunStartedEvent.class),
    AUTOMATION_STEP_DONE("automation.step_done", EventTopic.AUTOMATION_RUNS, AutomationRunStepDoneEvent.class),
    AUTOMATION_STEP_FAILED("automation.step_failed", EventTopic.AUTOMATION_RUNS, AutomationRunStepFailedEvent.class),
    AUTOMATION_RUN_FINISHED("automation.run_finished", EventTopic.AUTOMATION_RUNS, AutomationRunFinishedEvent.class),
    AUTOMATION_RUN_PARKED("automation.run_parked", EventTopic.AUTOMATION_RUNS, AutomationRunParkedEvent.class);

    private static final Map<Class<?>, PublicEventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(t -> t.eventClass, Function.identity()));
    private static final Map<String, PublicEventType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(t -> t.wireName, Function.identity()));

    private final String wireName;
    private final EventTopic topic;
    private final Class<? extends Record> eventClass;

    PublicEventType(String wireName, EventTopic topic, Class<? extends Record> eventClass) {
        this.wireName = wireName;
        this.topic = topic;
        this.eventClass = eventClass;
    }

    /** The stable dotted name subscribers use: {@code order.placed}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public EventTopic topic() {
        return topic;
    }

    /** The domain event published under this name; its record components are the payload's fields. */
    public Class<? extends Record> eventClass() {
        return eventClass;
    }

    /** The catalogue entry for a domain event's class, empty for an event that is not published. */
    public static Optional<PublicEventType> forEvent(Class<?> eventClass) {
        return Optional.ofNullable(BY_CLASS.get(eventClass));
    }

    /** The entry with a dotted name, empty for a name not in the catalogue. */
    public static Optional<PublicEventType> named(String wireName) {
        return Optional.ofNullable(BY_NAME.get(wireName));
    }

    @JsonCreator
    static PublicEventType fromWireName(String wireName) {
        return named(wireName).orElseThrow(() -> new IllegalArgumentException("unknown event type " + wireName));
    }
}
