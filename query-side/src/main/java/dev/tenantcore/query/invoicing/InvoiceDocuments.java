package dev.tenantcore.query.invoicing;

import dev.tenantcore.api.invoicing.RenderInvoiceDocumentQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Renders an invoice's PDF for other contexts (the invoice-issued mail attaches it). */
@Component
class InvoiceDocuments {

    private final InvoiceDocument document;

    InvoiceDocuments(InvoiceDocument document) {
        this.document = document;
    }

    @QueryHandler
    byte[] handle(RenderInvoiceDocumentQuery query) {
        return document.pdf(query.invoice(), query.settings());
    }
}
