package dev.tenantcore.query.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.invoicing.FindInvoiceQuery;
import dev.tenantcore.api.invoicing.InvoiceDraftUpdatedEvent;
import dev.tenantcore.api.invoicing.InvoiceDraftedEvent;
import dev.tenantcore.api.invoicing.InvoiceId;
import dev.tenantcore.api.invoicing.InvoiceIssuedEvent;
import dev.tenantcore.api.invoicing.InvoiceKind;
import dev.tenantcore.api.invoicing.InvoiceLine;
import dev.tenantcore.api.invoicing.InvoicePage;
import dev.tenantcore.api.invoicing.InvoicePaidEvent;
import dev.tenantcore.api.invoicing.InvoiceParty;
import dev.tenantcore.api.invoicing.InvoiceResponse;
import dev.tenantcore.api.invoicing.InvoiceStatus;
import dev.tenantcore.api.invoicing.InvoiceTotals;
import dev.tenantcore.api.invoicing.InvoiceVoidedEvent;
import dev.tenantcore.api.invoicing.ListInvoicesQuery;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionContract;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The invoice projection")
class InvoiceProjectionTest extends ProjectionContract<InvoiceProjection> {

    private final InvoiceId invoice = new InvoiceId(id());
    private final InvoiceId creditNote = new InvoiceId(id());
    private final InvoiceId voided = new InvoiceId(id());
    private final OrderId order = new OrderId(id());

    InvoiceProjectionTest() {
        super(InvoiceProjection::new, "invoices", "invoice_lines");
    }

    @Override
    protected History history(TenantId tenant) {
        InvoiceParty seller = InvoiceParty.named("Shop " + tenant);
        InvoiceParty buyer = InvoiceParty.named("Ada");
        List<InvoiceLine> lines =
                List.of(new InvoiceLine("Boots", 2, 2_000, 2_100, 4_000), new InvoiceLine("Socks", 1, 500, 2_100, 500));
        InvoiceTotals totals = new InvoiceTotals("EUR", 4_500, 945, 5_445);
        List<InvoiceLine> oneLine = List.of(new InvoiceLine("Boots", 1, 2_000, 2_100, 2_000));
        InvoiceTotals smaller = new InvoiceTotals("EUR", 2_000, 420, 2_420);
        Instant issued = Instant.parse("2026-01-02T10:00:00Z");
        return new History(tenant)
                .of(invoice, drafted(invoice, tenant, InvoiceKind.INVOICE, null, seller, buyer, lines, totals))
                .of(
                        invoice,
                        new InvoiceDraftUpdatedEvent(invoice, InvoiceParty.named("Ada Lovelace"), oneLine, smaller))
                .of(invoice, new InvoiceIssuedEvent(invoice, "INV-2026-000001", issued))
                .of(invoice, new InvoicePaidEvent(invoice, issued.plusSeconds(60)))
                .of(
                        creditNote,
                        drafted(creditNote, tenant, InvoiceKind.CREDIT_NOTE, invoice, seller, buyer, oneLine, smaller))
                .of(creditNote, new InvoiceIssuedEvent(creditNote, "CN-2026-000001", issued.plusSeconds(120)))
                .of(voided, drafted(voided, tenant, InvoiceKind.INVOICE, null, seller, buyer, lines, totals))
                .of(voided, new InvoiceVoidedEvent(voided, "duplicate"));
    }

    private InvoiceDraftedEvent drafted(
            InvoiceId id,
            TenantId tenant,
            InvoiceKind kind,
            InvoiceId credits,
            InvoiceParty seller,
            InvoiceParty buyer,
            List<InvoiceLine> lines,
            InvoiceTotals totals) {
        // Without the credited invoice's number, as credit notes were recorded before it was: the
        // projection finds it in the credited invoice's row.
        return new InvoiceDraftedEvent(id, tenant, kind, order, credits, null, seller, buyer, lines, totals);
    }

    @Test
    @DisplayName("answers each tenant with its own invoices, lines and numbers")
    void answersEachTenant() {
        InvoiceResponse found = ask(first, p -> p.handle(new FindInvoiceQuery(invoice)));
        assertThat(found.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(found.number()).isEqualTo("INV-2026-000001");
        assertThat(found.seller().name()).isEqualTo("Shop " + first);
        assertThat(found.buyer().name()).isEqualTo("Ada Lovelace");
        assertThat(found.lines()).extracting(InvoiceLine::description).containsExactly("Boots");
        assertThat(found.version()).isEqualTo(3);

        InvoicePage issued = ask(
                second, p -> p.handle(new ListInvoicesQuery(InvoiceStatus.ISSUED, null, null, null, null, 10, null)));
        assertThat(issued.items()).extracting(InvoiceResponse::id).containsExactly(creditNote);
        assertThat(issued.items().get(0).creditsInvoiceId()).isEqualTo(invoice);
        assertThat(issued.items().get(0).creditsInvoiceNumber()).isEqualTo("INV-2026-000001");
        InvoicePage all = ask(second, p -> p.handle(new ListInvoicesQuery(null, null, null, null, null, 10, null)));
        assertThat(all.items()).extracting(InvoiceResponse::id).containsExactly(voided, creditNote, invoice);
    }
}
