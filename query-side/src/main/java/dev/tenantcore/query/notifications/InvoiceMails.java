package dev.tenantcore.query.notifications;

import dev.tenantcore.api.identity.FindUserQuery;
import dev.tenantcore.api.identity.UserResponse;
import dev.tenantcore.api.invoicing.FindInvoiceQuery;
import dev.tenantcore.api.invoicing.InvoiceId;
import dev.tenantcore.api.invoicing.InvoiceResponse;
import dev.tenantcore.api.invoicing.RenderInvoiceDocumentQuery;
import dev.tenantcore.api.ordering.FindOrderQuery;
import dev.tenantcore.api.ordering.OrderResponse;
import dev.tenantcore.api.tenancy.TenantSettingsResponse;
import dev.tenantcore.infra.mail.MailAttachment;
import dev.tenantcore.infra.mail.MailComposer;
import dev.tenantcore.infra.mail.MailTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Invoice issued: to the buyer's email on the invoice, else (an order's invoice billed to an address
 * without one) to the order's customer, with the invoice's PDF attached.
 */
@Component
class InvoiceMails implements MailComposer {

    private final MailQueries queries;

    InvoiceMails(MailQueries queries) {
        this.queries = queries;
    }

    @Override
    public Set<MailTemplate> templates() {
        return Set.of(MailTemplate.INVOICE_ISSUED);
    }

    @Override
    public Composition compose(Queued mail) {
        InvoiceId id = InvoiceId.of(String.valueOf(mail.model().get("invoiceId")));
        InvoiceResponse invoice = queries.ask(new FindInvoiceQuery(id), InvoiceResponse.class, "the invoice");
        if (invoice.number() == null) {
            // The read model has not reached the issue yet.
            throw new MailNotReady("the issued invoice");
        }
        TenantSettingsResponse settings = queries.settings(mail.tenantId());
        byte[] pdf = queries.ask(new RenderInvoiceDocumentQuery(invoice, settings), byte[].class, "the invoice PDF");
        Map<String, Object> model = new HashMap<>(mail.model());
        model.put("invoiceNumber", invoice.number());
        model.put(
                "total",
                MailQueries.money(
                        invoice.totals().totalMinor(), invoice.totals().currency(), settings.locale()));
        String to = invoice.buyer() == null ? null : invoice.buyer().email();
        if ((to == null || to.isBlank()) && invoice.orderId() != null) {
            // A billing address without an email: the order's customer has one.
            OrderResponse order =
                    queries.ask(new FindOrderQuery(invoice.orderId(), null), OrderResponse.class, "the order");
            to = queries.ask(new FindUserQuery(order.customerId()), UserResponse.class, "the order's customer")
                    .email();
        }
        return new Composition(
                to,
                settings.locale(),
                model,
                List.of(new MailAttachment(invoice.number() + ".pdf", "application/pdf", pdf)));
    }
}
