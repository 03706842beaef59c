package dev.tenantcore.query.invoicing;

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
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import dev.tenantcore.query.support.VersionedRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code invoices} and {@code invoice_lines} in step with the invoice aggregates and answers
 * invoice queries. Rows are found by id only, row-level security scoping them to the message's
 * tenant. Idempotent: an invoice row changes only for a newer event ({@link VersionedRows}), and its lines
 * are replaced together with it. Every change is pushed to subscribers of {@link FindInvoiceQuery},
 * which is how a command endpoint waits until its write is readable.
 */
@Component
@ProcessingGroup("invoices")
class InvoiceProjection {

    private static final String TABLE = "invoices";
    private static final String COLUMNS = "id, kind, status, number, order_id, credits_invoice_id,"
            + " credits_invoice_number, seller, buyer,"
            + " currency, net_minor, tax_minor, total_minor, void_reason, issued_at, paid_at, version, created_at,"
            + " updated_at";

    private final ReadModel store;
    private final ReadTable<InvoiceId> invoices;

    InvoiceProjection(ReadModel store) {
        this.store = store;
        this.invoices = store.table(TABLE, InvoiceId::value, (id, changed) -> publish(id));
    }

    /**
     * A credit note written before its event named the credited invoice's number takes it from that
     * invoice's row, which its issue wrote earlier in the event stream.
     */
    @EventHandler
    void on(InvoiceDraftedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        boolean inserted = store.insert(TABLE, event.tenantId())
                .value("id", event.invoiceId().value())
                .value("kind", event.kind().wireName())
                .value("status", InvoiceStatus.DRAFT.wireName())
                .value(
                        "order_id",
                        event.orderId() == null ? null : event.orderId().value())
                .value(
                        "credits_invoice_id",
                        event.creditsInvoiceId() == null
                                ? null
                                : event.creditsInvoiceId().value())
                .value("credits_invoice_number", creditedNumber(event))
                .json("seller", event.seller())
                .json("buyer", event.buyer())
                .value("currency", event.totals().currency())
                .value("net_minor", event.totals().netMinor())
                .value("tax_minor", event.totals().taxMinor())
                .value("total_minor", event.totals().totalMinor())
                .apply(sequence, at);
        withLines(inserted, event.invoiceId(), event.lines());
    }

    private String creditedNumber(InvoiceDraftedEvent event) {
        if (event.creditsInvoiceNumber() != null || event.creditsInvoiceId() == null) {
            return event.creditsInvoiceNumber();
        }
        return store
                .jdbc()
                .queryForList(
                        "SELECT number FROM invoices WHERE id = ?",
                        String.class,
                        event.creditsInvoiceId().value())
                .stream()
                .findFirst()
                .orElse(null);
    }

    @EventHandler
    void on(InvoiceDraftUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        InvoiceTotals totals = event.totals();
        boolean updated = store.update(TABLE, event.invoiceId().value())
                .json("buyer", event.buyer())
                .set("currency", totals.currency())
                .set("net_minor", totals.netMinor())
                .set("tax_minor", totals.taxMinor())
                .set("total_minor", totals.totalMinor())
                .apply(sequence, at);
        withLines(updated, event.invoiceId(), event.lines());
    }

    @EventHandler
    void on(InvoiceIssuedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        invoices.transition(event.invoiceId(), InvoiceStatus.ISSUED.wireName())
                .set("number", event.number())
                .set("issued_at", event.issuedAt())
                .apply(sequence, at);
    }

    @EventHandler
    void on(InvoicePaidEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        invoices.transition(event.invoiceId(), InvoiceStatus.PAID.wireName(), "paid_at", event.paidAt(), sequence, at);
    }

    @EventHandler
    void on(InvoiceVoidedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        invoices.transition(
                event.invoiceId(), InvoiceStatus.VOID.wireName(), "void_reason", event.reason(), sequence, at);
    }

    /** Lines go with their invoices: they are rewritten whenever their invoice row is. */
    @ResetHandler
    void reset() {
        store.reset(TABLE, "invoice_lines");
    }

    @QueryHandler
    InvoiceResponse handle(FindInvoiceQuery query) {
        return store.findOne(
                "SELECT " + COLUMNS + " FROM invoices WHERE id = ?",
                (rs, row) -> toResponse(rs, lines(query.invoiceId())),
                query.invoiceId().value());
    }

    /** Newest first; list items carry no lines. */
    @QueryHandler
    InvoicePage handle(ListInvoicesQuery query) {
        KeysetPage<InvoiceResponse> page = KeysetPage.select(
                        "SELECT " + COLUMNS + " FROM invoices", (rs, row) -> toResponse(rs, List.of()))
                .whereGiven("status = ?", query.status(), InvoiceStatus::wireName)
                .whereGiven("kind = ?", query.kind(), InvoiceKind::wireName)
                .whereGiven("number = ?", query.number())
                .whereGiven("issued_at >= ?", query.issuedFrom())
                .whereGiven("issued_at < ?", query.issuedBefore())
                .newestFirst()
                .page(store.jdbc(), query.limit(), query.cursor(), i -> new PageCursor(i.createdAt(), i.id().value()));
        return new InvoicePage(page.items(), page.nextCursor());
    }

    /**
     * A draft's lines change with its row: only when the event was newer than the row. They are
     * written after it, so drafts announce the invoice only once its lines are in place.
     */
    private void withLines(boolean rowWritten, InvoiceId id, List<InvoiceLine> lines) {
        if (rowWritten) {
            replaceLines(id, lines);
        }
        publish(id);
    }

    private void replaceLines(InvoiceId id, List<InvoiceLine> lines) {
        store.jdbc().update("DELETE FROM invoice_lines WHERE invoice_id = ?", id.value());
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine line = lines.get(i);
            batch.add(new Object[] {
                id.value(),
                i,
                line.description(),
                line.quantity(),
                line.unitPriceMinor(),
                line.taxRateBasisPoints(),
                line.netMinor(),
                line.discountMinor()
            });
        }
        store.jdbc().batchUpdate("""
                INSERT INTO invoice_lines (tenant_id, invoice_id, position, description, quantity, unit_price_minor,
                                           tax_rate_basis_points, net_minor, discount_minor)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?, ?, ?)
                """, batch);
    }

    private List<InvoiceLine> lines(InvoiceId id) {
        return store.jdbc()
                .query(
                        """
                SELECT description, quantity, unit_price_minor, tax_rate_basis_points, net_minor, discount_minor
                  FROM invoice_lines WHERE invoice_id = ? ORDER BY position
                """,
                        (rs, row) -> new InvoiceLine(
                                rs.getString("description"),
                                rs.getInt("quantity"),
                                rs.getLong("unit_price_minor"),
                                rs.getInt("tax_rate_basis_points"),
                                rs.getLong("net_minor"),
                                rs.getLong("discount_minor")),
                        id.value());
    }

    private void publish(InvoiceId id) {
        store.publish(
                FindInvoiceQuery.class, () -> handle(new FindInvoiceQuery(id)), (q, row) -> id.equals(q.invoiceId()));
    }

    private InvoiceResponse toResponse(ResultSet rs, List<InvoiceLine> lines) throws SQLException {
        UUID order = rs.getObject("order_id", UUID.class);
        UUID credits = rs.getObject("credits_invoice_id", UUID.class);
        return new InvoiceResponse(
                new InvoiceId(rs.getObject("id", UUID.class)),
                InvoiceKind.fromWireName(rs.getString("kind")),
                InvoiceStatus.fromWireName(rs.getString("status")),
                rs.getString("number"),
                order == null ? null : new OrderId(order),
                credits == null ? null : new InvoiceId(credits),
                rs.getString("credits_invoice_number"),
                store.json().read(rs, "seller", InvoiceParty.class),
                store.json().read(rs, "buyer", InvoiceParty.class),
                lines,
                new InvoiceTotals(
                        rs.getString("currency"),
                        rs.getLong("net_minor"),
                        rs.getLong("tax_minor"),
                        rs.getLong("total_minor")),
                rs.getString("void_reason"),
                Sql.instant(rs, "issued_at"),
                Sql.instant(rs, "paid_at"),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
