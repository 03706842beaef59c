package dev.tenantcore.query.notifications;

import dev.tenantcore.api.crm.lead.LeadSubmittedEvent;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.invoicing.InvoiceIssuedEvent;
import dev.tenantcore.api.ordering.OrderPlacedEvent;
import dev.tenantcore.api.ordering.OrderShippedEvent;
import dev.tenantcore.api.payments.PaymentSucceededEvent;
import dev.tenantcore.infra.mail.MailOutbox;
import dev.tenantcore.infra.mail.MailTemplate;
import dev.tenantcore.infra.mail.OutgoingMail;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which events send which mail. Each handler queues the mail in the processor's transaction, keyed
 * by the event's id and the template: the mail is queued exactly when the processor's token moves
 * past the event, and an event handled again (redelivery, another node) queues nothing. A replay
 * of history sends nothing either: the mails of the past went out when it happened. Nor does an
 * event older than {@code app.email.max-event-age} (a day): a processor that starts from the
 * beginning of the store, as this one does the first time it runs on an existing database, must
 * not mail every customer about every order they ever placed.
 */
@Component
@ProcessingGroup("email")
@DisallowReplay
class MailPolicy {

    /** The staff a new lead is announced to. */
    private static final List<Role> LEAD_RECIPIENTS = List.of(Role.OWNER, Role.MANAGER);

    private final MailOutbox outbox;
    private final StaffRecipients staff;
    private final Duration maxAge;

    MailPolicy(MailOutbox outbox, StaffRecipients staff, @Value("${app.email.max-event-age:P1D}") Duration maxAge) {
        this.outbox = outbox;
        this.staff = staff;
        this.maxAge = maxAge;
    }

    /**
     * A confirmation to the visitor (when the form asked for an email) and a notification to each
     * active owner and manager, one mail each. The staff are read when the lead arrives, in the
     * processor's transaction and the lead's tenant.
     */
    @EventHandler
    void on(LeadSubmittedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (at.isBefore(Instant.now().minus(maxAge))) {
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("name", event.name() == null ? "" : event.name());
        putIfPresent(model, "email", event.email());
        putIfPresent(model, "phone", event.phone());
        putIfPresent(model, "message", event.message());
        model.put("formKey", event.formKey());
        if (event.email() != null) {
            outbox.enqueue(OutgoingMail.to(
                    event.email(),
                    eventId + ":" + MailTemplate.LEAD_CONFIRMATION.wireName(),
                    MailTemplate.LEAD_CONFIRMATION,
                    model));
        }
        for (StaffRecipients.Member member : staff.active(LEAD_RECIPIENTS)) {
            outbox.enqueue(new OutgoingMail(
                    eventId + ":" + MailTemplate.LEAD_NOTIFICATION.wireName() + ":" + member.id(),
                    MailTemplate.LEAD_NOTIFICATION,
                    member.email(),
                    member.id(),
                    null,
                    model,
                    null,
                    null));
        }
    }

    private static void putIfPresent(Map<String, Object> model, String key, String value) {
        if (value != null && !value.isBlank()) {
            model.put(key, value);
        }
    }

    @EventHandler
    void on(OrderPlacedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        queue(
                eventId,
                at,
                MailTemplate.ORDER_CONFIRMATION,
                Map.of("orderId", event.orderId().toString()));
    }

    @EventHandler
    void on(PaymentSucceededEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (event.orderId() != null) {
            queue(
                    eventId,
                    at,
                    MailTemplate.PAYMENT_RECEIPT,
                    Map.of("orderId", event.orderId().toString()));
        }
    }

    @EventHandler
    void on(InvoiceIssuedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        queue(
                eventId,
                at,
                MailTemplate.INVOICE_ISSUED,
                Map.of("invoiceId", event.invoiceId().toString()));
    }

    @EventHandler
    void on(OrderShippedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        queue(
                eventId,
                at,
                MailTemplate.ORDER_SHIPPED,
                Map.of("orderId", event.orderId().toString()));
    }

    private void queue(String eventId, Instant at, MailTemplate template, Map<String, Object> model) {
        if (at.isBefore(Instant.now().minus(maxAge))) {
            return;
        }
        outbox.enqueue(OutgoingMail.composed(eventId + ":" + template.wireName(), template, model));
    }
}
