package dev.tenantcore.command.invoicing;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.invoicing.InvoiceId;
import dev.tenantcore.command.common.Rules;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * {@link CreditableInvoices} from the credited invoice's own history: the aggregate is loaded in the
 * credit note's unit of work, so the number is the one its issue recorded, never a read model's.
 * Loading bypasses the tenant guard of commands, so the invoice itself checks the tenant.
 */
@Component
class RepositoryCreditableInvoices implements CreditableInvoices {

    private final Repository<Invoice> invoices;

    RepositoryCreditableInvoices(Repository<Invoice> invoiceRepository) {
        this.invoices = invoiceRepository;
    }

    @Override
    public String numberOf(InvoiceId invoice, TenantId tenant) {
        try {
            return invoices.load(invoice.toString()).invoke(credited -> credited.numberToCredit(tenant));
        } catch (AggregateNotFoundException e) {
            throw Rules.invalid("creditsInvoiceId must name an issued invoice of this tenant");
        }
    }
}
